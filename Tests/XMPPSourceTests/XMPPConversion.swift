import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
import XMPPSource

/// Runs an XMPP conversion the way the CLI does and opens the result: JSONL lines, report, and the
/// strict validator's verdict.
struct XMPPConversion {
    var report: MigrationReport
    var summary: XMPPArchiveSummary?
    var lines: [[String: Any]]
    var package: URL
    var validation: ValidationReport

    static func run(_ source: any XMPPArchiveSource, options: XMPPOptions) throws -> XMPPConversion {
        let output = TemporaryDirectory.root.appendingPathComponent("xmpp-test-\(UUID().uuidString).zip")
        let reader = XMPPArchiveReader(source: source, options: options)
        let report = try ConversionRunner.run(reader, output: output,
                                              options: ExportOptions(defaultEmailDomain: "fallback.example", generatorVersion: "test"))
        let archive = try SourceArchive(url: output)
        let jsonl = try archive.entry(at: "import.jsonl").map { try archive.readAll($0) } ?? Data()
        let lines = try jsonl.split(separator: UInt8(ascii: "\n")).map {
            try JSONSerialization.jsonObject(with: Data($0)) as? [String: Any] ?? [:]
        }
        let validation = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: output)
        return XMPPConversion(report: report, summary: reader.summary, lines: lines, package: output, validation: validation)
    }

    func remove() { try? FileManager.default.removeItem(at: package) }

    /// The objects of lines of `type` (`user`, `channel`, `post`, `direct_post`, …).
    func objects(_ type: String) -> [[String: Any]] {
        lines.filter { $0["type"] as? String == type }.compactMap { $0[type] as? [String: Any] }
    }

    /// Every row in is a post out or a reported skip.
    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectBalanced(report, files: false, sourceLocation: sourceLocation)
    }

    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectValid(validation, sourceLocation: sourceLocation)
    }

    /// The skipped-message items recorded for `reason`.
    func skipped(_ reason: String) -> [String] {
        report.skipped.filter { $0.kind == "messages" && $0.reason == reason }.flatMap(\.items)
    }

    func skippedCount(_ reason: String) -> Int {
        report.skipped.filter { $0.kind == "messages" && $0.reason == reason }.reduce(0) { $0 + $1.count }
    }
}
