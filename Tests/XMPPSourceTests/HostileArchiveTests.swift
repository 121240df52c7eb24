import SourceToolkit
import Foundation
import GRDB
import Testing
import TestSupport
@testable import XMPPSource

/// Archives as they are in the wild: ids reused years apart, notes to oneself, corrections by someone
/// else, reactions to messages that are gone, rows without a peer, a huge body, an escaped room JID.
@Suite struct HostileArchiveTests {
    @Test func oddRowsAreKeptOrCountedNeverLost() throws {
        let db = try EjabberdDatabase()
        defer { db.remove() }
        try db.user("alice")
        try db.user("bob")
        // A client that numbers its ids from 1 every session: the same id a year later is a new message.
        try db.chat(from: "alice@example.com/a", to: "bob@example.com", "<body>first of 2023</body>", id: "1")
        db.tick(365 * 86_400)
        try db.chat(from: "alice@example.com/a", to: "bob@example.com", "<body>first of 2024</body>", id: "1")
        db.tick()
        // A note to oneself (carbons between own resources).
        try db.archive(owner: "alice", peer: "alice@example.com/phone",
                       xml: "<message xmlns='jabber:client' from='alice@example.com/a' to='alice@example.com/phone' type='chat' id='self'><body>remember milk</body></message>", kind: "chat")
        db.tick()
        // bob "corrects" alice's message: not his to correct, so it is posted as his own.
        try db.chat(from: "bob@example.com/b", to: "alice@example.com", "<body>hijack</body><replace xmlns='urn:xmpp:message-correct:0' id='1'/>", id: "2")
        db.tick()
        try db.chat(from: "bob@example.com/b", to: "alice@example.com",
                    "<reactions xmlns='urn:xmpp:reactions:0' id='gone'><reaction>👍</reaction></reactions>", id: "3")
        db.tick()
        try db.archive(owner: "alice", peer: "/nowhere",
                       xml: "<message xmlns='jabber:client' type='chat' id='x'><body>to nobody</body></message>", kind: "chat")
        db.tick()
        try db.chat(from: "alice@example.com/a", to: "bob@example.com", "<body>" + String(repeating: "long line ", count: 3_000) + "</body>", id: "4")
        db.tick()
        try db.groupchat(room: "team\\20room@conference.example.com", nick: "Al", realJID: "alice@example.com/a", "<body>escaped room</body>", id: "g")
        db.tick()
        try db.archive(owner: "bob", peer: "alice@example.com/a", xml: "<iq xmlns='jabber:client' type='result' id='q'/>", kind: "chat")

        let result = try XMPPConversion.run(try EjabberdArchive(database: SQLiteRowReader(path: db.url.path)),
                                            options: XMPPOptions(teamName: "t", lenient: true))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        let texts = result.objects("direct_post").compactMap { $0["message"] as? String }
        #expect(texts.contains("first of 2023") && texts.contains("first of 2024"))
        #expect(texts.contains("remember milk"))
        #expect(result.objects("direct_post").first { $0["message"] as? String == "remember milk" }?["channel_members"] as? [String] == ["alice", "alice"])
        #expect(texts.contains("hijack"))
        #expect(result.objects("direct_post").first { $0["message"] as? String == "first of 2023" }?["edit_at"] == nil)
        #expect(result.skippedCount("XEP-0444 reaction to a message not in the archive") == 1)
        #expect(result.skippedCount("1:1 message without a peer") == 1)
        #expect(result.skippedCount("iq stanza (no message)") == 1)
        #expect(result.report.changedCount("message", reason: "XEP-0308 correction of a message not in the archive (or by someone else); posted as a message") == 1)
        #expect(result.report.changedCount("message_part") >= 1, "the 30,000-character body is split by the core")
        let room = result.objects("channel").first
        #expect(room?["display_name"] as? String == "team room" && room?["name"] as? String == "team-room")
    }

    @Test func inspectCountsWhatConvertCounts() throws {
        let built = try EjabberdScenario.build()
        defer { built.database.remove() }
        let options = XMPPOptions(teamName: "t", domain: "example.com", lenient: true)
        let inspection = try XMPPInspector.inspect(try EjabberdArchive(database: SQLiteRowReader(path: built.database.url.path)),
                                                   database: "db", options: options)
        let result = try XMPPConversion.run(try EjabberdArchive(database: SQLiteRowReader(path: built.database.url.path)), options: options)
        defer { result.remove() }
        let out = result.report.output
        #expect(inspection.rows == result.report.input.messages)
        #expect(inspection.messages == out.posts + out.replies + out.directPosts + out.directReplies)
        #expect(inspection.duplicateCopies == 11)
        #expect(inspection.conversations == ["configured rooms": 1, "unlisted rooms": 1, "direct": 3])
        #expect(inspection.malformedRows == ["archive row id \(built.malformedRowID): " + (result.skipped("malformed stanza XML").first?
            .dropFirst("archive row id \(built.malformedRowID): ".count)).map(String.init)!])
        #expect(inspection.firstDay == "2024-03-01" && inspection.lastDay == "2024-03-01")
        #expect(inspection.usersWithoutDomain == ["alice", "bob", "carol", "erin"], "the users table stores localparts; archive owners take the stanza's domain")
    }

    @Test func pieExportTwoRunsAreByteIdentical() throws {
        let file = try PIEFXISTests.splitExport()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let first = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "pie"))
        let second = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "pie"))
        defer { first.remove(); second.remove() }
        #expect(try Data(contentsOf: first.package) == Data(contentsOf: second.package))
    }
}
