import Foundation
import TestSupport
import Testing

/// `convert csv|jsonl` and `inspect csv|jsonl` on Examples/bespoke through the real binary.
@Suite struct BespokeCLITests {
    static let examples = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/bespoke")

    static func example(_ name: String) -> String { examples.appendingPathComponent(name).path }

    @Test func convertJSONLinesThenValidateStrict() throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = folder.appendingPathComponent("bespoke.zip").path
        let report = folder.appendingPathComponent("report.json").path
        let result = try CLIRunner.run(["convert", "jsonl", Self.example("messages.jsonl"), "--team", "example",
                                        "--mapping", Self.example("mapping.yaml"), "--users", Self.example("users.csv"),
                                        "--channels", Self.example("channels.csv"), "--output", package, "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 posts, 1 replies, 1 direct channels, 1 direct posts, 0 direct replies, 3 reactions, 1 files; 0 items skipped"), "\(result.stdout)")
        let validation = try CLIRunner.run(["validate", package, "--strict"])
        #expect(validation.status == 0, "\(validation.stdout) \(validation.stderr)")
    }

    @Test func convertSlackLayoutWithoutMapping() throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let package = folder.appendingPathComponent("slack.zip").path
        let result = try CLIRunner.run(["convert", "csv", Self.example("slack-layout.csv"), "--team", "example",
                                        "--default-email-domain", "example.com", "--output", package])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLIRunner.run(["validate", package, "--strict"]).status == 0)
    }

    @Test func badRowIsOneErrorLineAndNoPackage() throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("bad.csv")
        try Data("\"1357559471\",\"general\",\"myles\",\"ok\"\n\"soon\",\"general\",\"myles\",\"bad time\"\n".utf8).write(to: csv)
        let package = folder.appendingPathComponent("out.zip").path
        let result = try CLIRunner.run(["convert", "csv", csv.path, "--team", "t", "--output", package])
        #expect(result.status != 0)
        #expect(result.stderr == "error: bad.csv: row 2, column 1 (fields.timestamp): cannot read \"soon\" as Unix seconds\n")
        #expect(!FileManager.default.fileExists(atPath: package))
        let lenient = try CLIRunner.run(["convert", "csv", csv.path, "--team", "t", "--output", package, "--lenient",
                                         "--default-email-domain", "example.com"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stdout.contains("1 items skipped"), "\(lenient.stdout)")
    }

    @Test func mappingErrorNamesTheKey() throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let mapping = folder.appendingPathComponent("m.yaml")
        try Data("fields: {user: a, channel: b, timestamp: c, txt: d}\n".utf8).write(to: mapping)
        let result = try CLIRunner.run(["convert", "jsonl", Self.example("messages.jsonl"), "--team", "t", "--mapping", mapping.path])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: m.yaml line 1: fields.txt: unknown key (expected one of: user,"), "\(result.stderr)")
    }

    @Test func inspectCountsWhatConvertCounts() throws {
        let result = try CLIRunner.run(["inspect", "csv", Self.example("messages.csv"), "--mapping", Self.example("mapping.yaml"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["messages"] as? Int == 4)
        #expect(object?["channels"] as? Int == 2)
        #expect(object?["directConversations"] as? Int == 1)
        let files = object?["files"] as? [[String: Any]]
        #expect(files?.first?["columns"] as? [String] == ["id", "sent", "room", "room_type", "room_topic", "author", "with", "body",
                                                           "reply_to", "edited", "files", "reactions"])
        let text = try CLIRunner.run(["inspect", "jsonl", Self.example("messages.jsonl"), "--mapping", Self.example("mapping.yaml")])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("problems: none found"), "\(text.stdout)")
        #expect(text.stdout.contains("messages.jsonl: row 1: 2024-03-01T08:00:00.000Z town-square <alice> \"Good morning, everyone!\""), "\(text.stdout)")
    }
}
