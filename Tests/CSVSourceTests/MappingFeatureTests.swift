import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
@testable import CSVSource

/// Each mapping feature seen in the converted example (whose whole JSONL is the golden file), and
/// the rows that must fail or be skipped with their file, row, column and reason.
@Suite struct MappingFeatureTests {
    static let example = Result { try Conversion.run(try GoldenConversionTests.exampleOptions(.csv, "messages.csv")) }

    /// The lines of one type, parsed.
    static func lines(_ type: String) throws -> [JSONValue] {
        try example.get().lines.compactMap { try? JSONParser.parse($0) }.filter { $0["type"]?.stringValue == type }.compactMap { $0[type] }
    }

    @Test(arguments: [
        "user and text", "channel, type and header", "timestamp pattern in a time zone", "message id and thread parent",
        "edit time", "attachments under the files root", "reactions", "direct message members", "users file", "channels file",
    ])
    func feature(_ name: String) throws {
        let posts = try Self.lines("post")
        switch name {
        case "user and text":
            #expect(posts.first?["user"]?.stringValue == "alice")
            #expect(posts.first?["message"]?.stringValue == "Good morning, everyone!")
        case "channel, type and header":
            let channels = try Self.lines("channel")
            let release = channels.first { $0["name"]?.stringValue == "release" }
            #expect(release?["type"]?.stringValue == "P")
            #expect(release?["header"]?.stringValue == "Release planning")
        case "timestamp pattern in a time zone":
            // 2024-03-01 09:00:00 in Berlin (CET) is 08:00 UTC.
            #expect(posts.first?["create_at"]?.int64Value == 1_709_280_000_000)
        case "message id and thread parent":
            let replies = posts.first?["replies"]?.arrayValue ?? []
            #expect(replies.count == 1)
            #expect(replies.first?["user"]?.stringValue == "bob")
        case "edit time":
            let release = posts.first { $0["channel"]?.stringValue == "release" }
            #expect(release?["edit_at"]?.int64Value == 1_709_280_600_000)
        case "attachments under the files root":
            let release = posts.first { $0["channel"]?.stringValue == "release" }
            #expect(release?["attachments"]?.arrayValue?.first?["path"]?.stringValue?.hasSuffix("/checklist.txt") == true)
            #expect(try Self.example.get().report.output.attachments == 1)
        case "reactions":
            let reactions = posts.first?["reactions"]?.arrayValue ?? []
            #expect(reactions.compactMap { $0["user"]?.stringValue } == ["bob", "carol"])
            #expect(reactions.first?["emoji_name"]?.stringValue == "wave")
        case "direct message members":
            let direct = try Self.lines("direct_post")
            #expect(direct.first?["channel_members"]?.arrayValue?.compactMap(\.stringValue) == ["alice", "bob"])
            #expect(direct.first?["reactions"]?.arrayValue?.count == 1)
        case "users file":
            let users = try Self.lines("user")
            let alice = users.first { $0["username"]?.stringValue == "alice" }
            #expect(alice?["email"]?.stringValue == "alice@example.com")
            #expect(alice?["first_name"]?.stringValue == "Alice")
            #expect(alice?["last_name"]?.stringValue == "Liddell")
            #expect(alice?["roles"]?.stringValue == "system_user system_admin")
        case "channels file":
            let users = try Self.lines("user")
            let bob = users.first { $0["username"]?.stringValue == "bob" }
            let channels = bob?["teams"]?.arrayValue?.first?["channels"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(channels == ["town-square"], "bob is not a member of the private release channel")
            let display = try Self.lines("channel").first { $0["name"]?.stringValue == "town-square" }?["display_name"]?.stringValue
            #expect(display == "Town Square")
        default:
            Issue.record("unknown feature \(name)")
        }
    }

    static let mapping = "fields: {message_id: id, timestamp: sent, channel: room, user: author, text: body, attachments: files}\n"

    static func options(_ csv: String, lenient: Bool = false, since: Int64? = nil) throws -> BespokeOptions {
        let file = try BespokeFiles.write(csv, name: "rows.csv")
        return BespokeOptions(format: .csv, files: [file], teamName: "t", mapping: try MappingLoader.parse(mapping),
                              lenient: lenient, since: since)
    }

    static let badRows = "id,sent,room,author,body,files\n1,1709283600,general,alice,ok,\n2,yesterday,general,bob,bad time,\n3,1709283700,,carol,no channel,\n4,1709283800,general,alice,\"bad\"quote,\n5,1709283900,general,bob,fine,\n"

    @Test func firstBadRowStopsTheRunWithOneLineAndNoPackage() throws {
        let options = try Self.options(Self.badRows)
        let output = TemporaryDirectory.root.appendingPathComponent("bespoke-bad-\(UUID().uuidString).zip")
        let error = #expect(throws: CSVSourceError.self) {
            try ConversionRunner.run(BespokeReader(options: options), output: output, options: ExportOptions(defaultEmailDomain: "example.com"))
        }
        #expect(error?.description == "rows.csv: row 3, column \"sent\" (fields.timestamp): cannot read \"yesterday\" as a Unix time or an ISO 8601 time")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func lenientSkipsAndCountsBadRows() throws {
        let result = try Conversion.run(try Self.options(Self.badRows, lenient: true))
        result.expectValid()
        result.expectBalanced()
        #expect(result.messages == ["ok", "fine"])
        #expect(result.report.skippedCount("messages") == 3)
        let items = result.report.skipped.filter { $0.kind == "messages" }.flatMap(\.items)
        #expect(items.sorted() == ["rows.csv: row 3, column \"sent\" (fields.timestamp)", "rows.csv: row 4, column \"room\" (fields.channel)",
                                   "rows.csv: row 5, column 5"])
    }

    @Test func missingAndEscapingAttachmentsAreReportedSkips() throws {
        let csv = "id,sent,room,author,body,files\n1,1709283600,general,alice,files,present.txt;missing.txt;../../etc/passwd;/etc/passwd\n"
        let options = try Self.options(csv)
        try Data("here".utf8).write(to: options.files[0].deletingLastPathComponent().appendingPathComponent("present.txt"))
        let result = try Conversion.run(options)
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.output.attachments == 1)
        let skipped = result.report.skipped.filter { $0.kind == "files" }
        #expect(skipped.map(\.reason).sorted() == ["file not found under the files root", "path leaves the files root (absolute or ..)"])
        #expect(skipped.flatMap(\.items).sorted() == ["rows.csv: row 2: ../../etc/passwd", "rows.csv: row 2: /etc/passwd", "rows.csv: row 2: missing.txt"])
    }

    @Test func sinceSkipsOlderRows() throws {
        let csv = "id,sent,room,author,body,files\n1,2024-02-29T23:00:00Z,general,alice,old,\n2,2024-03-01T00:00:00Z,general,alice,new,\n"
        let result = try Conversion.run(try Self.options(csv, since: 1_709_251_200_000))
        result.expectValid()
        result.expectBalanced()
        #expect(result.messages == ["new"])
        #expect(result.report.skippedCount("messages") == 1)
    }

    @Test func authorsMissingFromTheUsersFileBecomeReportedPlaceholders() throws {
        var options = try Self.options("id,sent,room,author,body,files\n1,1709283600,general,mallory,hi,\n")
        options.usersFile = BespokeFiles.example("users.csv")
        let result = try Conversion.run(options)
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.changed.contains { $0.kind == "user" && $0.items.contains("mallory") })
    }

    @Test func unknownColumnInTheHeaderIsNamed() throws {
        let file = try BespokeFiles.write("id,when\n1,2\n", name: "rows.csv")
        let error = #expect(throws: CSVSourceError.self) {
            try Conversion.run(BespokeOptions(format: .csv, files: [file], teamName: "t", mapping: try MappingLoader.parse(Self.mapping)))
        }
        #expect(error?.description == "rows.csv: row 1: fields.user: column \"author\" is not in the header (columns: id, when)")
    }

    @Test func badJSONLineNamesItsLine() throws {
        let file = try BespokeFiles.write("{\"a\": 1}\n{not json\n", name: "rows.jsonl")
        let mapping = try MappingLoader.parse("fields: {user: a, timestamp: a, channel: a}\n")
        let error = #expect(throws: CSVSourceError.self) {
            try Conversion.run(BespokeOptions(format: .jsonl, files: [file], teamName: "t", mapping: mapping))
        }
        #expect(error?.description.hasPrefix("rows.jsonl: row 2: not JSON:") == true)
    }
}
