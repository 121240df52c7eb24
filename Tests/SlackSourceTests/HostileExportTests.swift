import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import Testing
@testable import SlackSource

/// Exports shaped the way a broken or hostile exporter writes them: the package must still validate,
/// nothing may be duplicated or silently lost, and `inspect` must count what `convert` counts.
@Suite struct HostileExportTests {
    typealias B = SlackExportBuilder

    static func base() -> SlackExportBuilder {
        var export = SlackExportBuilder()
        export["users.json"] = [B.user("U1", "alice", email: "alice@example.com"), B.user("U2", "bob", email: "bob@example.com")]
        export["channels.json"] = [B.channel("C1", "general", members: ["U1", "U2"])]
        export["general/2024-01-01.json"] = [B.message("U1", "hello", ts: "1704103200.000100")]
        return export
    }

    static func run(_ export: SlackExportBuilder, botOwner: String? = "alice",
                    options: ((inout SlackOptions) -> Void)? = nil) throws -> Conversion {
        let url = try export.writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try Conversion.run(url, options: options, botOwner: botOwner)
    }

    @Test func groupWithoutMembersTakesItsAuthorsAndValidates() throws {
        var export = Self.base()
        export["mpims.json"] = [["id": "G1", "name": "mpdm-alice--bob-1", "members": [], "created": 1]]
        export["dms.json"] = [["id": "D9", "members": [], "created": 1]]
        export["mpdm-alice--bob-1/2024-01-01.json"] = [B.message("U1", "in a group without members", ts: "1704103300.000100"),
                                                       B.message("U2", "answer", ts: "1704103400.000100")]
        let result = try Self.run(export)
        result.expectValid()
        result.expectBalanced()
        #expect(!result.jsonl.contains(#""members":[]"#))
        #expect(result.jsonl.contains(#"{"type":"direct_channel","direct_channel":{"members":["alice","bob"]}}"#))
        #expect(result.report.changedCount("direct_channel", reason: "no members listed; members are the authors of its messages") == 1)
        #expect(result.report.skippedCount("direct_channel") == 1, "the DM without members or messages is reported")
    }

    @Test func twoChannelsSharingAFolderAreReadOnce() throws {
        var export = Self.base()
        export["channels.json"] = [B.channel("C1", "general", members: ["U1", "U2"]), B.channel("C2", "general", members: ["U1"])]
        let result = try Self.run(export)
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.input.messages == 1)
        #expect(result.lines.filter { $0.contains("\"hello\"") }.count == 1, "the message is not duplicated")
        #expect(result.report.changed.contains { $0.kind == "channel" && $0.items.first?.hasPrefix("C2") == true })
        let inspection = try SlackInspector.inspect(try export.writeDirectory())
        #expect(inspection.messages == result.report.input.messages)
        #expect(inspection.conversations["channels"] == 2)
    }

    @Test func repeatedIdsCountTheSameInInspectAndConvert() throws {
        var export = Self.base()
        export["channels.json"] = [B.channel("C1", "general", members: ["U1", "U2"]), B.channel("C1", "general", members: ["U1"]),
                                   B.channel("C3", "random", members: ["U1"])]
        export["general/2024-01-01.json"] = [B.message("U1", "one", ts: "1704103200.000100"), B.message("U1", "one again", ts: "1704103200.000100"),
                                             B.message("U2", "two", ts: "1704103201.000100")]
        export["random/2024-01-02.json"] = [B.message("U1", "three", ts: "1704189600.000100")]
        let url = try export.writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try Conversion.run(url, botOwner: "alice")
        result.expectValid()
        result.expectBalanced()
        let inspection = try SlackInspector.inspect(url)
        #expect(inspection.messages == result.report.input.messages)
        #expect(inspection.conversations["channels"] == 2, "the repeated channel id is imported once")
    }

    @Test func botOwnerMayBeAnAccountAlreadyOnTheServer() throws {
        var export = Self.base()
        export["users.json"] = [B.user("U1", "alice", email: "alice@example.com"),
                                B.user("B1", "deploybot", bot: "BDEPLOY")]
        let result = try Self.run(export, botOwner: "admin")
        // Strict validation without --users-exist flags exactly the owner that must exist on the server.
        #expect(result.validation.errors.map(\.id) + result.validation.warnings.map(\.id) == [ImportErrorID.botOwnerNotFound])
        #expect(result.jsonl.contains(#""owner":"admin""#))
        #expect(result.report.notes.count == 1 && result.report.notes[0].contains("'admin'"))
        #expect(result.report.notes[0].contains("must already exist on the server"))
    }

    @Test func botOwnerThatIsAnImportedBotIsRefused() throws {
        var export = Self.base()
        export["users.json"] = [B.user("U1", "alice", email: "alice@example.com"), B.user("B1", "deploybot", bot: "BDEPLOY")]
        #expect(throws: ExportError.unknownBotOwner("deploybot")) { try Self.run(export, botOwner: "deploybot") }
    }

    @Test(arguments: [SlackOptions.SystemMessages.post, .skip])
    func integrationAndPinNoticesFollowSystemMessages(_ mode: SlackOptions.SystemMessages) throws {
        var export = Self.base()
        export["general/2024-01-01.json"] = [
            B.message("U1", "hello", ts: "1704103200.000100"),
            B.message("U1", "added an integration to this channel: <https://example.slack.com/services/B1|github>",
                      ts: "1704103300.000100", extra: ["subtype": "bot_add"]),
            B.message("U2", "<@U2> pinned a message to this channel.", ts: "1704103400.000100", extra: ["subtype": "pinned_item"]),
        ]
        let result = try Self.run(export) { $0.systemMessages = mode }
        result.expectValid()
        result.expectBalanced()
        let notices = result.lines.filter { $0.contains(#""type":"system_generic""#) }
        if mode == .post {
            #expect(notices.count == 2)
            #expect(notices.contains { $0.contains("@alice added an integration to this channel: [github](https://example.slack.com/services/B1)") })
            #expect(notices.contains { $0.contains("@bob pinned a message to this channel.") })
        } else {
            #expect(notices.isEmpty)
            #expect(result.report.skippedCount("messages") == 2)
        }
    }
}
