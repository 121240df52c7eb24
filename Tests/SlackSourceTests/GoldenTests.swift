import Foundation
import Testing
@testable import SlackSource

/// Converts the real exports in ../shared/fixtures/slack and compares the JSONL with the committed
/// expectation in Golden/ (read by eye when it changes). `UPDATE_GOLDEN=1` rewrites the expectation.
@Suite struct GoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    func compare(_ jsonl: String, golden name: String) throws {
        let url = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try jsonl.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let got = jsonl.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (a, b)) in zip(got, want).enumerated() where a != b {
            Issue.record("\(name) line \(index + 1) differs:\n got: \(a)\nwant: \(b)")
            return
        }
        #expect(got.count == want.count, "\(name): \(got.count) lines, expected \(want.count)")
    }

    @Test(.enabled(if: Fixtures.hasSlack("slack-export-viewer-testarchive.zip"), "needs ../shared/fixtures/slack"))
    func slackExportViewerArchive() throws {
        let zip = Fixtures.slack("slack-export-viewer-testarchive.zip")
        let result = try Conversion.run(zip, team: "viewer", botOwner: "hamza")
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.input.messages == 158)
        #expect(result.report.output.bots == 3)
        #expect(!result.jsonl.contains("\"message\":\"<@"), "no raw Slack mentions left")
        try compare(result.jsonl, golden: "slack-export-viewer-testarchive.jsonl")
    }

    @Test(.enabled(if: Fixtures.hasSlack("zulip-messages"), "needs ../shared/fixtures/slack"))
    func zulipRichTextMessages() throws {
        let folder = Fixtures.slack("zulip-messages")
        let export = try ZulipFixtureExport.build(from: folder)
        defer { try? FileManager.default.removeItem(at: export) }
        let result = try Conversion.run(export, team: "zulip", botOwner: "jon")
        result.expectValid()
        result.expectBalanced()
        // The blocks-only copies are rendered from rich_text: the bullet list keeps its items and styles.
        #expect(result.jsonl.contains("- item 2: **this** is _a list_ item"))
        try compare(result.jsonl, golden: "zulip-messages.jsonl")
    }
}

/// Lays the Zulip fixture files out as a Slack export folder: the message files become day files of
/// `general` (as they are) and of `general1` (with `text` emptied, so the rich-text blocks are the only
/// source); the legacy message and thread files go to `random`, `feedback` and `general`.
enum ZulipFixtureExport {
    static func build(from folder: URL) throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("zulip-export-\(UUID().uuidString)")
        for name in ["general", "general1", "random", "feedback"] {
            try fm.createDirectory(at: root.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try fm.copyItem(at: folder.appendingPathComponent("users.json"), to: root.appendingPathComponent("users.json"))
        for name in ["channels.json", "dms.json", "mpims.json"] {
            try fm.copyItem(at: folder.appendingPathComponent("export-root/\(name)"), to: root.appendingPathComponent(name))
        }
        let files = try fm.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") && $0 != "users.json" }.sorted()
        var day = 1
        for name in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let object = try JSONSerialization.jsonObject(with: data)
            let date = String(format: "2024-01-%02d.json", day)
            day += 1
            if let list = object as? [Any] {
                // The three legacy files reuse each other's ts values: one channel each.
                let channel = ["normal_messages.json": "random", "normal_thread.json": "feedback"][name] ?? "general"
                try JSONSerialization.data(withJSONObject: list, options: [.sortedKeys])
                    .write(to: root.appendingPathComponent("\(channel)/\(date)"))
            } else if var message = object as? [String: Any] {
                try JSONSerialization.data(withJSONObject: [message], options: [.sortedKeys])
                    .write(to: root.appendingPathComponent("general/\(date)"))
                message["text"] = ""
                try JSONSerialization.data(withJSONObject: [message], options: [.sortedKeys])
                    .write(to: root.appendingPathComponent("general1/\(date)"))
            }
        }
        return root
    }
}
