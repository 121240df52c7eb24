import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import SlackSource
import TestSupport
import Testing

/// Runs a conversion the way the CLI does and opens the result: the JSONL lines, the report, and the
/// strict validator's verdict.
struct Conversion {
    var report: MigrationReport
    var jsonl: String
    var package: URL
    var validation: ValidationReport

    var lines: [String] { jsonl.split(separator: "\n").map(String.init) }

    static func run(_ export: URL, team: String = "test", options: ((inout SlackOptions) -> Void)? = nil,
                    botOwner: String? = nil, emailDomain: String? = "example.com") throws -> Conversion {
        var slackOptions = SlackOptions(teamName: team)
        options?(&slackOptions)
        let output = TemporaryDirectory.root.appendingPathComponent("slack-test-\(UUID().uuidString).zip")
        let report = try SlackConversion.convert(
            export: export, options: slackOptions,
            exportOptions: ExportOptions(defaultEmailDomain: emailDomain, botOwner: botOwner, generatorVersion: "test"),
            output: output)
        let archive = try SourceArchive(url: output)
        let jsonl = try archive.entry(at: "import.jsonl").map { String(decoding: try archive.readAll($0), as: UTF8.self) } ?? ""
        let validation = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: output)
        return Conversion(report: report, jsonl: jsonl, package: output, validation: validation)
    }

    /// Every input item is exported or skipped (split parts and spilled files are extra posts).
    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectBalanced(report, sourceLocation: sourceLocation)
    }

    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectValid(validation, sourceLocation: sourceLocation)
    }
}

enum Fixtures {
    /// A Slack fixture below ../shared/fixtures/slack (tests using one are enabled only if it exists).
    static func slack(_ name: String) -> URL { SharedFixtures.url("slack/" + name) }
    static func hasSlack(_ name: String) -> Bool { SharedFixtures.exists("slack/" + name) }
}
