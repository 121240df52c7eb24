import Foundation
import GRDB
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
@testable import XMPPSource

/// Cisco IM&P: persistent and ad-hoc rooms, JM's copies, managed file transfers, from an SQLite
/// database with Cisco's schema and from the same rows as CSV tables.
@Suite struct CiscoConversionTests {
    /// A scenario folder: the database, the CSV tables and the file server's files.
    struct Fixture {
        let folder: URL
        var database: URL { folder.appendingPathComponent("cisco.sqlite") }
        var tables: URL { folder.appendingPathComponent("tables") }
        var files: URL { folder.appendingPathComponent("files") }

        init(extraSQL: String = "", extraCSV: [String: String] = [:]) throws {
            folder = try TemporaryDirectory.make("cisco")
            try CiscoScenario.writeDatabase(at: folder.appendingPathComponent("cisco.sqlite"), extraSQL: extraSQL)
            try CiscoScenario.writeCSV(at: folder.appendingPathComponent("tables"), extraLines: extraCSV)
            try CiscoScenario.writeFiles(at: folder.appendingPathComponent("files"))
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }

        func sqlite(lenient: Bool = false) throws -> CiscoArchive {
            try CiscoArchive.open(database: database.path, tablesDir: nil, filesRoot: files.path, lenient: lenient)
        }

        func csv(lenient: Bool = false) throws -> CiscoArchive {
            try CiscoArchive.open(database: nil, tablesDir: tables.path, filesRoot: files.path, lenient: lenient)
        }
    }

    static let options = XMPPOptions(teamName: "cisco", domain: "example.com")

    @Test func databaseConverts() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let result = try XMPPConversion.run(try fixture.sqlite(), options: Self.options)
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        PackageExpectations.expectBalanced(result.report)
        #expect(result.report.input.messages == 24)

        // Persistent rooms: public only when the config says members-only is off; private when absent.
        let channels = Dictionary(uniqueKeysWithValues: result.objects("channel").map { ($0["display_name"] as? String ?? "", $0) })
        #expect(channels["Test Room"]?["type"] as? String == "O")
        #expect(channels["Test Room"]?["header"] as? String == "Welcome")
        #expect(channels["board"]?["type"] as? String == "P")
        #expect(channels["Secret"]?["type"] as? String == "P")
        // The ad-hoc chat of 10 is a private channel; the one of 3 a group message.
        #expect(channels.count == 4)
        #expect(result.objects("direct_channel").contains { ($0["members"] as? [String])?.sorted() == ["alice", "bob", "tony"] })

        // Members and admins from affiliation and role; the outcast is not a member.
        let memberships = result.objects("user").reduce(into: [String: [String: String]]()) { map, user in
            for team in user["teams"] as? [[String: Any]] ?? [] {
                for channel in team["channels"] as? [[String: Any]] ?? [] {
                    map[user["username"] as? String ?? "", default: [:]][channel["name"] as? String ?? ""] = channel["roles"] as? String
                }
            }
        }
        let testRoom = channels["Test Room"]?["name"] as? String ?? "?"
        #expect(memberships["alice"]?[testRoom] == "channel_user channel_admin")
        #expect(memberships["bob"]?[testRoom] == "channel_user")
        #expect(memberships["carol"]?[testRoom] == nil)
        #expect(memberships["dave"]?["board"] == "channel_user channel_admin")

        // Room posts: XHTML-IM as Markdown, body_text for long bodies, HTML bodies as Markdown.
        let posts = result.objects("post")
        #expect(posts.count == 7)
        #expect(posts.contains { $0["message"] as? String == "Hello **bold**" && $0["create_at"] as? Int == 1_481_034_720_250 && $0["user"] as? String == "alice" })
        #expect(posts.contains { $0["message"] as? String == "A long body kept in body_text" && $0["user"] as? String == "bob" })
        #expect(posts.contains { ($0["message"] as? String)?.contains("**HTML**") == true })

        // Files: attached when found under the root, else the post says so and the report lists the path.
        let report = posts.first { $0["message"] as? String == "Here is the report" }
        #expect((report?["attachments"] as? [[String: Any]])?.count == 1)
        #expect(posts.contains { $0["message"] as? String == "(file not migrated: missing.pdf)" })
        #expect(posts.contains { $0["message"] as? String == "look" && $0["attachments"] == nil })
        let fileSkips = result.report.skipped.filter { $0.kind == "files" }
        #expect(fileSkips.contains { $0.reason == FilesRoot.Refusal.missing.rawValue && $0.items.contains { $0.contains("/mft/gone/c3d4") } })
        #expect(fileSkips.contains { $0.reason.hasPrefix("refused") && $0.items.contains { $0.contains("etc/passwd") } })
        #expect(fileSkips.contains { $0.reason.contains("no archived message") && $0.items.contains { $0.contains("/mft/zz/z9") } })
        #expect(result.report.output.attachments == 2)

        // 1:1 chats from jm: one post per IM, copies removed and counted, a repeat kept.
        let direct = result.objects("direct_post").map { $0["message"] as? String ?? "" }
        #expect(direct.filter { $0 == "Hi Bob" }.count == 1)
        #expect(direct.filter { $0 == "Hi Alice" }.count == 1)
        #expect(direct.filter { $0 == "ok" }.count == 2)
        #expect(direct.filter { $0 == "adhoc via jm" || $0 == "adhoc hi" }.count == 2)
        #expect(direct.contains("no domain here") && direct.contains("from John") && direct.contains("a photo"))
        #expect(direct.count == 9)
        #expect(result.skippedCount("further stored copy of a 1:1 message (jm logs each IM per direction and per recipient)") == 5)
        #expect(result.skippedCount("further stored copy of an ad-hoc group message (jm logs it once per recipient)") == 2)
        #expect(result.skippedCount("persistent-room message logged by the Message Archiver too (read from tc_msgarchive)") == 1)
        #expect(result.summary?.duplicateCopies == 7)
        let photo = result.objects("direct_post").first { $0["message"] as? String == "a photo" }
        #expect((photo?["attachments"] as? [[String: Any]])?.count == 1)

        // JIDs: resources stripped, `\20` decoded, the domainless user given --domain.
        let emails = Set(result.objects("user").compactMap { $0["email"] as? String })
        #expect(emails.contains("nodomain@example.com") && emails.contains("alice@example.com"))
        #expect(!emails.contains { $0.contains("/") })
    }

    /// The same rows as CSV tables give the same package, byte for byte; two runs are identical.
    @Test func csvTablesGiveTheSamePackage() throws {
        let fixture = try Fixture()
        defer { fixture.remove() }
        let fromDatabase = try XMPPConversion.run(try fixture.sqlite(), options: Self.options)
        defer { fromDatabase.remove() }
        let again = try XMPPConversion.run(try fixture.sqlite(), options: Self.options)
        defer { again.remove() }
        let fromCSV = try XMPPConversion.run(try fixture.csv(), options: Self.options)
        defer { fromCSV.remove() }
        fromCSV.expectValid()
        fromCSV.expectBalanced()
        #expect(!fromDatabase.lines.isEmpty)
        #expect(try Data(contentsOf: fromDatabase.package) == Data(contentsOf: again.package))
        #expect(try Data(contentsOf: fromDatabase.package) == Data(contentsOf: fromCSV.package))
    }

    /// A malformed row: a reported skip naming table and row under --lenient, one line otherwise.
    @Test func malformedRows() throws {
        let fixture = try Fixture(extraSQL: "INSERT INTO jm (to_jid, from_jid, sent_date, msg_type, direction, body_string) VALUES ('bob@example.com', 'alice@example.com', 'yesterday', 'c', 'O', 'when?')",
                                  extraCSV: ["jm": "\"bob@example.com\",\"alice@example.com\"\r\n", "tc_users": "\"x@conference.example.com\",\"broken\"quote\",\"none\",\"none\",\"\"\r\n"])
        defer { fixture.remove() }
        #expect { try XMPPConversion.run(try fixture.sqlite(), options: Self.options) } throws: { error in
            let text = "\(error)"
            return text.contains("jm row 17") && text.contains("sent_date \"yesterday\" is not a date") && !text.contains("\n")
        }
        #expect { try fixture.csv() } throws: { error in
            "\(error)".contains("dbo.JM.csv: row 18") || "\(error)".contains("dbo.TC_USERS.csv: row")
        }

        var lenient = Self.options
        lenient.lenient = true
        let result = try XMPPConversion.run(try fixture.sqlite(lenient: true), options: lenient)
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.skipped("unreadable row: sent_date \"yesterday\" is not a date") == ["jm row 17"])

        let csv = try XMPPConversion.run(try fixture.csv(lenient: true), options: lenient)
        defer { csv.remove() }
        csv.expectValid()
        csv.expectBalanced()
        #expect(csv.report.input.messages == 25)
        #expect(csv.report.skipped.contains { $0.kind == "messages" && $0.reason.hasPrefix("malformed CSV row") && $0.items == ["dbo.JM.csv: row 18"] })
        #expect(csv.report.skipped.contains { $0.kind == "row" && $0.reason.hasPrefix("malformed tc_users row") && $0.items.first?.hasPrefix("dbo.TC_USERS.csv: row") == true })
    }

    /// Non-UTF-8 bytes, an ad-hoc room nobody is in, a room listed twice in its CSV table, a message
    /// to a room no table lists.
    @Test func hostileRows() throws {
        let extraSQL = """
            INSERT INTO jm (to_jid, from_jid, sent_date, msg_type, direction, body_string)
                VALUES ('bob@example.com', 'alice@example.com/desk', '2016-12-07 09:00:00', 'c', 'O', CAST(X'4361666548E92021' AS TEXT));
            INSERT INTO tc_rooms (room_jid, type) VALUES ('empty@conference.example.com', 'ad-hoc');
            INSERT INTO tc_msgarchive (msg_id, to_jid, from_jid, sent_date, msg_type, body_string)
                VALUES (99, 'ghost@conference.example.com', 'eve@example.com/x', '2016-12-07 10:00:00', 'g', 'boo');
            """
        let fixture = try Fixture(extraSQL: extraSQL)
        defer { fixture.remove() }
        let result = try XMPPConversion.run(try fixture.sqlite(), options: Self.options)
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.input.messages == 26)
        #expect(result.objects("direct_post").contains { $0["message"] as? String == "CafeH\u{FFFD} !" })
        #expect(result.report.changed.contains { $0.reason == "invalid UTF-8 bytes replaced with U+FFFD" })
        #expect(result.objects("channel").contains { $0["name"] as? String == "ghost" && $0["type"] as? String == "P" })

        // A room listed twice in a CSV export is one channel.
        let rooms = fixture.tables.appendingPathComponent("dbo.TC_ROOMS.csv")
        let text = try String(contentsOf: rooms, encoding: .utf8)
        try Data((text + text.split(separator: "\r\n", omittingEmptySubsequences: true)[1] + "\r\n").utf8).write(to: rooms)
        let csv = try XMPPConversion.run(try fixture.csv(), options: Self.options)
        defer { csv.remove() }
        csv.expectValid()
        #expect(csv.objects("channel").count == 4)
    }

    @Test func roomConfigForms() {
        #expect(CiscoRoomConfig(xml: nil).membersOnly == nil)
        #expect(CiscoRoomConfig(xml: "<x xmlns='jabber:x:data'><field var='members-only'><value>1</value></field></x>").membersOnly == true)
        #expect(CiscoRoomConfig(xml: CiscoScenario.config(membersOnly: "0", name: "N")).membersOnly == false)
        #expect(CiscoRoomConfig(xml: CiscoScenario.config(membersOnly: "0", name: "N")).title == "N")
        #expect(CiscoRoomConfig(xml: "<x><broken").membersOnly == nil)
        #expect(CiscoTime.milliseconds("2016-12-06 14:32:00.250") == 1_481_034_720_250)
        #expect(CiscoTime.milliseconds("2016-12-06T14:32:00Z") == 1_481_034_720_000)
        #expect(CiscoTime.milliseconds("yesterday") == nil)
    }

    @Test func copiesAreCountedPerSlot() {
        var copies = CiscoCopies()
        let rows: [(slot: String, time: Int64)] = [("O bob", 0), ("I bob/desk", 0), ("I bob/phone", 500),
                                                   // The same text again from the same side: a second message.
                                                   ("O bob", 900), ("I bob/desk", 900),
                                                   // Outside the window the key is new again.
                                                   ("I bob/desk", 10_000)]
        let verdicts = rows.map { copies.isCopy(key: "k", slot: $0.slot, time: $0.time) }
        #expect(verdicts == [false, true, true, false, true, false])
    }
}
