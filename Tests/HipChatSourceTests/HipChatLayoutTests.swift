import Foundation
import HipChatSource
import TestSupport
import Testing

/// Layout A as a folder: every wrapper type, text convention, user and room shape (spec §1.3–1.4).
@Suite struct HipChatLayoutTests {
    @Test func layoutAConvertsEveryWrapperAndConvention() throws {
        let directory = try TemporaryDirectory.make("hipchat")
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = try HipChatExportBuilder.folder(HipChatExportBuilder.layoutA(), in: directory)
        let run = try HipChatRun.convert(export)
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()

        // Users: guest, deleted, without email; bots for notifications (owned by the first admin).
        let users = run.objects("user")
        #expect(Set(users.compactMap { $0["username"] as? String }).isSuperset(of: ["alice", "bob", "gary", "dora", "nina"]))
        #expect(users.first { $0["username"] as? String == "alice" }?["position"] as? String == "Boss")
        #expect(Set(run.objects("bot").compactMap { $0["username"] as? String }) == ["jenkins", "hal_bot"])
        #expect(run.report.changedCount("profile_image") == 1, "inline avatar reported")

        // Rooms: public/private, archived, topic, members.
        let channels = run.objects("channel")
        let general = channels.first { $0["name"] as? String == "general-chat" }
        #expect(general?["type"] as? String == "O")
        #expect(general?["header"] as? String == "Welcome all")
        #expect(channels.first { $0["name"] as? String == "secret-plans" }?["type"] as? String == "P")
        #expect(channels.first { $0["name"] as? String == "old-room" }?["deleted_at"] != nil)

        let posts = run.messages()
        #expect(posts.contains("Hello @bob and @here :party: (unknownemo)"), "mention to final name, @here kept, emoticon with image")
        #expect(posts.contains("```\nlet x = 1\nprint(x)\n```"))
        #expect(posts.contains("> first line\n> second line"))
        #expect(posts.contains("*waves at @bob*"))
        let renee = try #require(run.report.userMapping["6"])
        #expect(posts.contains("thanks @\(renee)."), "mention rewritten to the normalised username, sentence dot kept")
        #expect(posts.contains("**Build** [#1](https://ci.example.com/1) passed & deployed\nall good"))
        #expect(posts.contains("beep @all"))
        #expect(posts.contains("@alice updated the channel header to: New topic"))
        #expect(posts.contains("@alice archived the room."))
        #expect(posts.contains("@alice changed the room's guest access."))
        #expect(posts.contains("secret from the past"))
        let me = run.objects("post").first { $0["message"] as? String == "*waves at @bob*" }
        #expect(me?["type"] as? String == "me")
        let first = run.objects("post").first { ($0["message"] as? String)?.hasPrefix("Hello") == true }
        #expect(first?["create_at"] as? Int == 1_533_738_234_626, "µs after a space")

        // Attachments: original name; missing one reported with its URL.
        let withFile = run.objects("post").first { $0["message"] as? String == "see file" }
        let attachments = withFile?["attachments"] as? [[String: Any]]
        #expect((attachments?.first?["path"] as? String)?.hasSuffix("/Quarterly report.pdf") == true)
        let missing = run.report.skipped.first { $0.kind == "files" && $0.reason == "attachment missing from the export" }
        #expect(missing?.items.first?.contains("https://hipchat.example.com/files/1/10/zzz/missing.png") == true)

        // PMs: stored once per participant, de-duplicated by id; self-chat kept.
        let direct = run.messages("direct_post")
        #expect(direct.sorted() == ["hi alice, file attached", "hi bob", "note to self"])
        #expect(run.report.changedCount("message") >= 2)
        #expect(run.report.output.attachments == 2)

        // Skips with reasons: unknown wrapper, bad timestamp, empty text.
        let reasons = Set(run.report.skipped.filter { $0.kind == "messages" }.map(\.reason))
        #expect(reasons.contains("message type FancyNewMessage not converted here"))
        #expect(reasons.contains("no valid timestamp"))
        #expect(reasons.contains("empty message"))
        // Emoji with an image; the one without is reported.
        #expect(run.objects("emoji").compactMap { $0["name"] as? String } == ["party"])
        #expect(run.report.skippedCount("emoji") == 1)
    }

    @Test func layoutBHandlesHcMigrateShapes() throws {
        let directory = try TemporaryDirectory.make("hipchat")
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = try HipChatExportBuilder.folder(HipChatExportBuilder.layoutB(), in: directory)
        let run = try HipChatRun.convert(export)
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.objects("channel").first?["name"] as? String == "dev-team")
        #expect(run.objects("emoji").compactMap { $0["name"] as? String } == ["yay"])
        #expect(run.messages().contains(":yay: ship it @dan"))
        #expect(run.report.skipped.contains { $0.reason == "deleted in HipChat" })
        #expect(run.report.output.attachments == 1, "room file read from users/files/")
        #expect(run.objects("user").first { $0["username"] as? String == "carol" }?["profile_image"] != nil)
    }

    @Test(.enabled(if: ExternalTool.exists("zip")))
    func layoutCLegacyZipConverts() throws {
        let directory = try TemporaryDirectory.make("hipchat")
        defer { try? FileManager.default.removeItem(at: directory) }
        let folder = try HipChatExportBuilder.folder(HipChatExportBuilder.layoutC(), in: directory)
        let zip = try HipChatExportBuilder.zip(folder, to: directory.appendingPathComponent("legacy.zip"))
        let run = try HipChatRun.convert(zip)
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.objects("channel").first?["name"] as? String == "lobby")
        #expect(run.messages() == ["hello lobby", "*leaves*"])
    }
}
