import Foundation
import MattermostImport
import MigrationCore
import PidginSource
import SourceToolkit
import Testing
import TestSupport

/// Runs a Pidgin conversion the way the CLI does and opens the result: the JSONL lines, the report,
/// and the strict validator's verdict.
struct PidginRun {
    var report: MigrationReport
    var jsonl: String
    var package: URL
    var validation: ValidationReport

    /// A post of the package: where, by whom, what, when.
    struct Post: Equatable {
        var conversation: String
        var user: String
        var message: String
        var createAt: Int64
        var type: String?
    }

    static func run(_ roots: [URL], options: ((inout PidginOptions) -> Void)? = nil) throws -> PidginRun {
        var pidginOptions = PidginOptions(teamName: "test")
        options?(&pidginOptions)
        let output = TemporaryDirectory.root.appendingPathComponent("pidgin-test-\(UUID().uuidString).zip")
        let report = try PidginConversion.convert(
            roots: roots, options: pidginOptions,
            exportOptions: ExportOptions(defaultEmailDomain: "example.com", generatorVersion: "test"), output: output)
        let archive = try SourceArchive(url: output)
        let jsonl = try archive.entry(at: "import.jsonl").map { String(decoding: try archive.readAll($0), as: UTF8.self) } ?? ""
        let validation = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: output)
        return PidginRun(report: report, jsonl: jsonl, package: output, validation: validation)
    }

    /// Every post and direct post, in package order.
    var posts: [Post] {
        jsonl.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let type = object["type"] as? String, type == "post" || type == "direct_post",
                  let post = object[type] as? [String: Any] else { return nil }
            let conversation = (post["channel"] as? String) ?? ((post["channel_members"] as? [String])?.joined(separator: ",") ?? "")
            return Post(conversation: conversation, user: post["user"] as? String ?? "", message: post["message"] as? String ?? "",
                        createAt: (post["create_at"] as? NSNumber)?.int64Value ?? 0, type: post["type"] as? String)
        }
    }

    func post(_ message: String) -> Post? { posts.first { $0.message == message } }

    /// Lines in = posts out + skipped lines, by reason; files in = attachments + skipped.
    func expectBalanced(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectBalanced(report, sourceLocation: sourceLocation)
    }

    func expectValid(sourceLocation: SourceLocation = #_sourceLocation) {
        PackageExpectations.expectValid(validation, sourceLocation: sourceLocation)
    }

    /// Skipped messages with `reason`.
    func skipped(_ reason: String) -> Int {
        report.skipped.filter { $0.kind == "messages" && $0.reason == reason }.reduce(0) { $0 + $1.count }
    }

    func skippedItems(_ reason: String) -> [String] {
        report.skipped.filter { $0.kind == "messages" && $0.reason == reason }.flatMap(\.items)
    }

    func remove() { try? FileManager.default.removeItem(at: package) }
}

/// Milliseconds since the epoch of a UTC date-time.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int) -> Int64 {
    CivilTime.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second) * 1_000
}
