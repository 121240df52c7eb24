import CSVSource
import Foundation
import MigrationCore
import SourceToolkit

/// The CSV conversion benchmark (issue 10): N rows in Slack's CSV import layout shaped like the export
/// benchmark's model (200 channels, 500 users, ~10 % thread replies, 5 % direct messages, quotes,
/// commas and newlines inside texts). Each run is a pair, back to back, both child processes measured
/// with `wait4`: the floor is `mattermove-bench export --posts N` (the core staging + exporter on a
/// generated model of the same size), then `mattermove-bench csv-convert` (read + stage + export).
/// Prints every pair, then the median ratio with its spread and the conversion's peak RSS.
enum CSVBenchmark {
    static let childCommand = "csv-convert"
}

func runCSVBenchmark(rows: Int, runs: Int, input: URL?, keepOutput: URL?) throws {
    let csv = input ?? FileManager.default.temporaryDirectory.appendingPathComponent("csv-bench-v1-\(rows).csv")
    if !FileManager.default.fileExists(atPath: csv.path) {
        let start = Date()
        let bytes = try generateCSVBenchmarkInput(at: csv, rows: rows)
        print(String(format: "generated %@: %d rows, %.0f MB in %.1f s", csv.lastPathComponent, rows, Double(bytes) / 1e6,
                     Date().timeIntervalSince(start)))
    }
    let output = keepOutput ?? FileManager.default.temporaryDirectory.appendingPathComponent("csv-bench-out-\(getpid()).zip")
    defer { if keepOutput == nil { try? FileManager.default.removeItem(at: output) } }
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
    try runPairedBenchmark(pairs: runs, floorName: "core export", target: "≤ 1.5× wall, ≤ 256 MiB",
                           floor: { try ChildMeasurement.run(me, ["export", "--posts", "\(rows)"]) },
                           conversion: { try ChildMeasurement.run(me, [CSVBenchmark.childCommand, csv.path, output.path]) })
}

/// The child side: converts `input` (Slack's layout) to `output`, printing the reading/writing split.
func runCSVConversionForBenchmark(input: URL, output: URL) throws {
    let start = Date()
    let firstProgress = FirstProgress()
    let report = try ConversionRunner.run(
        BespokeReader(options: BespokeOptions(format: .csv, files: [input], teamName: "bench")), output: output,
        options: ExportOptions(defaultEmailDomain: "example.com"),
        progress: { phase, _, _ in if phase != "reading rows" { firstProgress.mark() } }, phaseFinished: printPhase)
    let total = Date().timeIntervalSince(start)
    let reading = firstProgress.time.map { $0.timeIntervalSince(start) } ?? total
    print(String(format: "reading the CSV into staging: %.2f s, writing the package: %.2f s", reading, total - reading))
    let o = report.output
    print("posts=\(o.posts) replies=\(o.replies) direct=\(o.directPosts) skipped=\(report.skipped.reduce(0) { $0 + $1.count })")
}

/// Writes N rows of Slack's CSV layout (with the thread and DM extension columns); returns its size.
@discardableResult
func generateCSVBenchmarkInput(at url: URL, rows: Int) throws -> Int {
    FileManager.default.createFile(atPath: url.path, contents: nil)
    let handle = try FileHandle(forWritingTo: url)
    defer { try? handle.close() }
    let channels = 200, users = 500
    var rootsPerChannel = [[String]](repeating: [], count: channels)
    var chunk = ""
    var written = 0
    for i in 0..<rows {
        let millis = Int64(i) * 1_500
        let ts = "\(1_600_000_000 + millis / 1000).\(String(format: "%03d", Int(millis % 1000)))"
        let author = "user\((i * 13) % users)"
        var text = "Message number \(i) with some ordinary words to make it look like chat, about deploys and lunch."
        if i % 5 == 0 { text += " cc @user\((i * 7) % users)" }
        if i % 10 == 1 { text += " He said \\\"ship it\\\"." }
        if i % 50 == 2 { text += "\nSecond line." }
        if i % 20 == 19 {
            let other = "user\((i * 13 + 1) % users)"
            chunk += "\"\(ts)\",\"dm\",\"\(author)\",\"\(text)\",\"\",\"\",\"true\",\"\(other)\"\n"
        } else {
            let c = i % channels
            var parent = ""
            if i % 100 < 10, let root = rootsPerChannel[c].last {
                parent = root
            } else {
                rootsPerChannel[c].append(ts)
                if rootsPerChannel[c].count > 3 { rootsPerChannel[c].removeFirst() }
            }
            chunk += "\"\(ts)\",\"channel-\(c)\",\"\(author)\",\"\(text)\"" + (parent.isEmpty ? "" : ",\"\(parent)\"") + "\n"
        }
        if chunk.utf8.count > 1 << 20 {
            written += chunk.utf8.count
            handle.write(Data(chunk.utf8))
            chunk = ""
        }
    }
    written += chunk.utf8.count
    handle.write(Data(chunk.utf8))
    return written
}
