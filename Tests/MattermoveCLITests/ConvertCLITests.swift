import Foundation
import Testing

/// `convert slack` through the real executable on the bundled example: a valid package, the report,
/// and no progress output when stderr is not a terminal.
@Suite struct ConvertCLITests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Examples/slack-example")

    @Test func bundledExampleConvertsSilentlyAndValidates() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let package = directory.appendingPathComponent("example-import.zip").path
        let report = directory.appendingPathComponent("report.json").path
        let result = try CLIRunner.run(["convert", "slack", Self.example.path, "--team", "example",
                                        "--default-email-domain", "example.com", "--bot-owner", "alice",
                                        "--output", package, "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "no progress bar when stderr is not a terminal")
        #expect(result.stdout.contains("wrote \(package)"))
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect((json?["input"] as? [String: Any])?["messages"] as? Int == 16)
        let validation = try CLIRunner.run(["validate", package, "--strict"])
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    @Test func missingBotOwnerIsOneLineWithWhatToDo() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let package = directory.appendingPathComponent("out.zip")
        let result = try CLIRunner.run(["convert", "slack", Self.example.path, "--team", "example",
                                        "--default-email-domain", "example.com", "--output", package.path])
        #expect(result.status != 0)
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("--bot-owner"))
        #expect(!FileManager.default.fileExists(atPath: package.path), "no half-written package")
    }
}
