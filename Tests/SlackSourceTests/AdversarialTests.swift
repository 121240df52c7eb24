import Foundation
import MigrationCore
import SourceToolkit
import Testing
@testable import SlackSource

/// The generated adversarial export (see `AdversarialExport`) through the whole conversion: strict
/// validation, balanced counts, deterministic bytes, and each numbered item of the issue.
@Suite struct AdversarialTests {
    static func convert(_ export: SlackExportBuilder = AdversarialExport.build(), zip: Bool = false,
                        options: ((inout SlackOptions) -> Void)? = nil) throws -> Conversion {
        let url = zip ? try export.writeZip(wrapper: "My Export Folder", macOSMetadata: true) : try export.writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        return try Conversion.run(url, options: options, botOwner: "alice")
    }

    static func line(_ result: Conversion, containing needle: String) -> String? {
        result.lines.first { $0.contains(needle) }
    }

    @Test func validBalancedAndDeterministic() throws {
        let first = try Self.convert()
        first.expectValid()
        first.expectBalanced()
        let second = try Self.convert()
        #expect(try Data(contentsOf: first.package) == Data(contentsOf: second.package), "two runs give identical packages")
    }

    @Test func zipWithWrapperFolderAndMacOSMetadataGivesTheSamePackage() throws {
        let folder = try Self.convert()
        let zip = try Self.convert(zip: true)
        zip.expectValid()
        #expect(zip.jsonl == folder.jsonl)
        #expect(zip.report.skippedCount("archive_entry") == 1, "__MACOSX entry counted")
    }

    @Test func inputQuirks() throws {
        let result = try Self.convert()
        #expect(result.report.input.messages == 38)
        #expect(result.report.changedCount("channel", reason: "no members list in the export (members: null)") == 1)
        #expect(result.report.changedCount("message", reason: "unknown Slack subtype imported as a normal post") == 1)
        #expect(result.report.skippedCount("day_file") == 1, "day files of an unlisted folder are counted")
        #expect(Self.line(result, containing: "\"message\":\"something new\"") != nil)
    }

    @Test func users() throws {
        let result = try Self.convert()
        let alice = try #require(Self.line(result, containing: "\"username\":\"alice\""))
        #expect(alice.contains("\"first_name\":\"Alice\"") && alice.contains("\"last_name\":\"Liddell\""))
        #expect(alice.contains("\"nickname\":\"Ali\"") && alice.contains("\"position\":\"Engineer\""))
        #expect(try #require(Self.line(result, containing: "\"username\":\"carol\"")).contains("\"delete_at\":1600000000000"))
        #expect(try #require(Self.line(result, containing: "\"username\":\"dave\"")).contains("system_guest"))
        #expect(Self.line(result, containing: "{\"type\":\"bot\",\"bot\":{\"username\":\"github\",\"owner\":\"alice\"") != nil)
        let zed = try #require(Self.line(result, containing: "\"username\":\"zed\""), "rebuilt from user_profile")
        #expect(zed.contains("\"first_name\":\"Zed\"") && zed.contains("delete_at"))
        #expect(try #require(Self.line(result, containing: "\"username\":\"unknown-u98\"")).contains("delete_at"))
        #expect(Self.line(result, containing: "{\"type\":\"bot\",\"bot\":{\"username\":\"slackbot\"") != nil)
    }

    @Test func botsNeedAnOwner() throws {
        let url = try AdversarialExport.build().writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ExportError.botsWithoutOwner(bots: ["github", "slackbot"])) {
            _ = try Conversion.run(url, botOwner: nil)
        }
    }

    @Test(arguments: [SlackOptions.GuestHandling.user, .skip])
    func guestHandling(_ mode: SlackOptions.GuestHandling) throws {
        let result = try Self.convert { $0.guestHandling = mode }
        result.expectValid()
        result.expectBalanced()
        switch mode {
        case .user:
            #expect(try #require(Self.line(result, containing: "\"username\":\"dave\"")).contains("\"roles\":\"system_user\""))
        case .skip:
            #expect(Self.line(result, containing: "\"username\":\"dave\"") == nil)
            #expect(!result.jsonl.contains("guest says hi"))
            #expect(result.report.skippedCount("users") == 1)
        case .guest:
            break
        }
    }

    @Test func channels() throws {
        let result = try Self.convert()
        #expect(Self.line(result, containing: "\"name\":\"cafe-creme\",\"display_name\":\"café-crème\"") != nil)
        #expect(Self.line(result, containing: "\"name\":\"meetup\",") != nil)
        #expect(Self.line(result, containing: "\"name\":\"meetup-\",") != nil || Self.line(result, containing: "\"name\":\"meetup-2\"") != nil)
        #expect(try #require(Self.line(result, containing: "\"name\":\"old-stuff\"")).contains("deleted_at"))
        #expect(try #require(Self.line(result, containing: "\"name\":\"general\",")).contains("\"header\":\"Welcome\",\"purpose\":\"Everything\""))
        #expect(try #require(Self.line(result, containing: "\"name\":\"secret\"")).contains("\"type\":\"P\""))
        #expect(try #require(Self.line(result, containing: "\"name\":\"mpdm-big-1\"")).contains("\"type\":\"P\""), "MPIM over 8 → private channel")
        let groups = result.lines.filter { $0.contains("\"direct_channel\":{\"members\":[\"alice\",\"bob.smith\",\"erin\"]") }
        #expect(groups.count == 1, "duplicate MPIMs merged")
        #expect(Self.line(result, containing: "\"channel_members\":[\"alice\",\"alice\"]") != nil, "self-DM kept")
        #expect(try #require(Self.line(result, containing: "\"username\":\"erin\"")).contains("\"name\":\"secret\""), "membership")
    }

    @Test func messages() throws {
        let result = try Self.convert()
        let root = try #require(Self.line(result, containing: "hello @bob.smith"))
        #expect(root.contains("\"edit_at\":1700000060000") && root.contains("\"is_pinned\":true"))
        #expect(root.contains("reply on the next day") && root.contains("broadcast reply"), "thread across day files")
        #expect(root.components(separatedBy: "\"emoji_name\":\"thumbsup\"").count - 1 == 2, "skin tones merged per user")
        #expect(Self.line(result, containing: "\"message\":\"reply to a deleted root\"") != nil, "orphan of a tombstone kept")
        #expect(Self.line(result, containing: "reply whose root is outside the export") != nil)
        let bot = try #require(Self.line(result, containing: "\"override_username\":\"GitHub Bot\""))
        #expect(bot.contains("\"text\":\"**x** <y> @alice\"") && bot.contains("\"value\":\"`main`\""))
        #expect(Self.line(result, containing: "\"type\":\"me\",\"message\":\"*waves*\"") != nil)
        #expect(Self.line(result, containing: "\"message\":\"nice **file**\"") != nil, "file_comment")
        for type in ["system_join_channel", "system_leave_channel", "system_header_change", "system_purpose_change",
                     "system_displayname_change", "custom_calls"] {
            #expect(Self.line(result, containing: "\"type\":\"\(type)\"") != nil, "\(type)")
        }
        #expect(Self.line(result, containing: "from blocks **only**@bob.smith") != nil, "rich_text fallback")
        #expect(result.report.changedCount("message_part") == 2, "long message split + file spill")
        let a = try #require(Self.line(result, containing: "same millisecond A"))
        let b = try #require(Self.line(result, containing: "same millisecond B"))
        #expect(a.contains("1700100010000") && b.contains("1700100010001"), "unique create_at")
    }

    @Test func systemMessagesCanBeSkipped() throws {
        let result = try Self.convert { $0.systemMessages = .skip }
        result.expectValid()
        result.expectBalanced()
        #expect(!result.jsonl.contains("\"type\":\"system_"))
        #expect(result.report.skippedCount("messages") == 2 + 5)
    }

    @Test func markupUsesFinalNames() throws {
        let result = try Self.convert()
        #expect(Self.line(result, containing: "\"message\":\"bonjour ~general et ~meetup\"") != nil)
        #expect(Self.line(result, containing: "see ~cafe-creme **bold** `code *x* <tag>` & more") != nil)
    }

    @Test func files() throws {
        let result = try Self.convert()
        let post = try #require(Self.line(result, containing: "files of every kind"))
        #expect(post.contains("{\"path\":\"F1/見積書.pdf\"}") && post.contains("{\"path\":\"F7/notes.txt\"}"))
        #expect(post.contains("[Plan](https://docs.example.com/plan)"), "external file kept as a link")
        #expect(result.report.output.attachments == 14)
        let reasons = result.report.skipped.filter { $0.kind == "files" }.map(\.reason)
        #expect(reasons.contains { $0.contains("tombstone") } && reasons.contains { $0.contains("hidden_by_limit") }
                && reasons.contains { $0.contains("access_denied") } && reasons.contains { $0.contains("not in the export") })
        let missing = result.report.skipped.first { $0.reason.contains("not in the export") }
        #expect(missing?.items == ["https://files.slack.com/files-pri/T1-F5/download/missing.bin"], "URL listed, token removed")
        #expect(!result.jsonl.contains("xoxe"))
        let archive = try SourceArchive(url: result.package)
        #expect(try archive.entry(at: "data/F1/見積書.pdf").map { String(decoding: try archive.readAll($0), as: UTF8.self) } == "%PDF-1.4 quote")
    }

    @Test func skipAttachments() throws {
        let result = try Self.convert { $0.skipAttachments = true }
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.output.attachments == 0)
    }
}

/// A file shared again in another message or channel is attached to both posts (one copy in data/).
@Test func fileSharedTwice() throws {
    typealias B = SlackExportBuilder
    var export = SlackExportBuilder()
    export["users.json"] = [B.user("U1", "alice", email: "a@example.com")]
    export["channels.json"] = [B.channel("C1", "general", members: ["U1"]), B.channel("C2", "random", members: ["U1"])]
    let file: [String: Any] = ["id": "F1", "name": "plan.txt", "mode": "hosted"]
    export["general/2024-01-01.json"] = [B.message("U1", "first share", ts: "1704103200.000100", extra: ["files": [file]])]
    export["random/2024-01-01.json"] = [B.message("U1", "shared again", ts: "1704103300.000100", extra: ["files": [file]])]
    export["__uploads/F1/plan.txt"] = "the plan"
    let url = try export.writeDirectory()
    let result = try Conversion.run(url)
    result.expectValid()
    result.expectBalanced()
    #expect(result.lines.filter { $0.contains("{\"path\":\"F1/plan.txt\"}") }.count == 2)
}
