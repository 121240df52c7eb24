import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import TestSupport
import Testing
@testable import CSVSource

/// Runs a bespoke conversion the way the CLI does and opens the result: the JSONL, the report, the
/// package bytes and the strict validator's verdict.
struct Conversion {
    var report: MigrationReport
    var jsonl: String
    var packageBytes: Data
    var validation: ValidationReport

    var lines: [String] { jsonl.split(separator: "\n").map(String.init) }

    static func run(_ options: BespokeOptions) throws -> Conversion {
        let output = TemporaryDirectory.root.appendingPathComponent("bespoke-test-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: output) }
        let report = try ConversionRunner.run(BespokeReader(options: options), output: output,
                                              options: ExportOptions(defaultEmailDomain: "example.com", generatorVersion: "test"))
        let archive = try SourceArchive(url: output)
        let jsonl = try archive.entry(at: "import.jsonl").map { String(decoding: try archive.readAll($0), as: UTF8.self) } ?? ""
        let validation = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: output)
        return Conversion(report: report, jsonl: jsonl, packageBytes: try Data(contentsOf: output), validation: validation)
    }

    /// Every message in is a post out or a reported skip; every file in is an attachment or a reported skip.
    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectBalanced(report, sourceLocation: sourceLocation)
    }

    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectValid(validation, sourceLocation: sourceLocation)
    }

    /// The post/direct_post lines' messages, in package order.
    var messages: [String] {
        lines.compactMap { line -> String? in
            guard let value = try? JSONParser.parse(line), let type = value["type"]?.stringValue,
                  type == "post" || type == "direct_post" else { return nil }
            return value[type]?["message"]?.stringValue
        }
    }
}

/// Paths of the bundled example (Examples/bespoke) and of files the tests write.
enum BespokeFiles {
    static let examples = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/bespoke")

    static func example(_ name: String) -> URL { examples.appendingPathComponent(name) }

    /// Writes `bytes` to a new file named `name` in a fresh temporary folder.
    static func write(_ bytes: [UInt8], name: String = "input.csv") throws -> URL {
        let folder = try TemporaryDirectory.make("bespoke")
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    static func write(_ text: String, name: String = "input.csv") throws -> URL {
        try write(Array(text.utf8), name: name)
    }
}

/// Compares a package's JSONL with a committed expectation in Golden/ (`UPDATE_GOLDEN=1` rewrites it).
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static func compare(_ jsonl: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try jsonl.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let got = jsonl.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (a, b)) in zip(got, want).enumerated() where a != b {
            Issue.record("\(name) line \(index + 1) differs:\n got: \(a)\nwant: \(b)", sourceLocation: sourceLocation)
            return
        }
        #expect(got.count == want.count, "\(name): \(got.count) lines, expected \(want.count)", sourceLocation: sourceLocation)
    }
}
