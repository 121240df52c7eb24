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

    @Test(arguments: ["/tmp/evil", "../x"])
    func teamNameNeverSteersTheOutputPath(_ team: String) throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let work = directory.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let result = try CLIRunner.run(["convert", "slack", Self.example.path, "--team", team,
                                        "--default-email-domain", "example.com", "--bot-owner", "alice"], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: work.path)
        #expect(written.count == 1 && written[0].hasSuffix("-import.zip") && !written[0].contains(".."), "\(written)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["work"], "nothing beside the working folder")
    }

    @Test func botOwnerAlreadyOnTheServerGivesOneNoteAndValidatesWithUsersExist() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let package = directory.appendingPathComponent("out.zip").path
        let result = try CLIRunner.run(["convert", "slack", Self.example.path, "--team", "example",
                                        "--default-email-domain", "example.com", "--bot-owner", "admin", "--output", package])
        #expect(result.status == 0, "\(result.stderr)")
        let notes = result.stderr.split(separator: "\n")
        #expect(notes.count == 1 && notes[0].hasPrefix("note: bot owner 'admin'") && notes[0].contains("must already exist on the server"))
    }
}
