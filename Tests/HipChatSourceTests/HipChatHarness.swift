import Foundation
import HipChatSource
import MattermostImport
import MigrationCore
import SourceToolkit
import TestSupport
import Testing

/// Runs a HipChat conversion the way the CLI does and opens the result: JSONL lines, report, package
/// bytes and the strict validator's verdict.
struct HipChatRun {
    var report: MigrationReport
    var jsonl: String
    var package: URL
    var validation: ValidationReport

    var lines: [String] { jsonl.split(separator: "\n").map(String.init) }

    static func convert(_ export: URL, password: String? = HipChatExportBuilder.password, output: URL? = nil,
                        options: ((inout HipChatOptions) -> Void)? = nil) throws -> HipChatRun {
        var hipChatOptions = HipChatOptions(teamName: "acme")
        options?(&hipChatOptions)
        let output = output ?? TemporaryDirectory.root.appendingPathComponent("hipchat-test-\(UUID().uuidString).zip")
        let report = try HipChatConversion.convert(
            export: export, options: hipChatOptions,
            exportOptions: ExportOptions(defaultEmailDomain: "example.com", generatorVersion: "test"),
            output: output, password: { password.map { Array($0.utf8) } })
        let archive = try SourceArchive(url: output)
        let jsonl = try archive.entry(at: "import.jsonl").map { String(decoding: try archive.readAll($0), as: UTF8.self) } ?? ""
        let validation = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: output)
        return HipChatRun(report: report, jsonl: jsonl, package: output, validation: validation)
    }

    /// Lines of one type (`post`, `direct_post`, `user`, …) parsed.
    func objects(_ type: String) -> [[String: Any]] {
        lines.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  object["type"] as? String == type else { return nil }
            return object[type] as? [String: Any]
        }
    }

    func messages(_ type: String = "post") -> [String] { objects(type).compactMap { $0["message"] as? String } }

    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectBalanced(report, sourceLocation: sourceLocation)
    }

    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectValid(validation, sourceLocation: sourceLocation)
    }

    func remove() { try? FileManager.default.removeItem(at: package) }
}
