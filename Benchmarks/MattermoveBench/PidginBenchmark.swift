import Foundation
import MigrationCore
import PidginSource

/// The Pidgin benchmark (issue 9): a generated `~/.purple/logs` tree of N small log files (HTML and TXT,
/// IMs with 100 buddies per account and a room in every tenth folder, ~8 lines each). Each run is a
/// pair, back to back: `find … -type f -exec cat {} +` (the floor: opening and reading every file),
/// then the conversion in a child process (`mattermove-bench pidgin-convert`); both measured with
/// `wait4`. Prints every pair, then the medians of the ratios with their spread (min–max) and the
/// conversion's peak RSS.
enum PidginBenchmark {
    static let childCommand = "pidgin-convert"
}

func runPidginBenchmark(files: Int, runs: Int, logs: URL?) throws {
    let root = logs ?? FileManager.default.temporaryDirectory.appendingPathComponent("pidgin-bench-v1-\(files)")
    if !FileManager.default.fileExists(atPath: root.path) {
        let start = Date()
        let bytes = try generatePidginBenchmarkLogs(at: root, files: files)
        print(String(format: "generated %@: %d log files, %.0f MB in %.1f s", root.lastPathComponent, files, Double(bytes) / 1e6,
                     Date().timeIntervalSince(start)))
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("pidgin-bench-out-\(getpid()).zip")
    defer { try? FileManager.default.removeItem(at: output) }
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
    try runPairedBenchmark(pairs: runs, floorName: "find+cat", target: "peak RSS ≤ 256 MiB",
                           floor: { try ChildMeasurement.run("/usr/bin/find", [root.path, "-type", "f", "-exec", "cat", "{}", "+"], keepOutput: false) },
                           conversion: { try ChildMeasurement.run(me, [PidginBenchmark.childCommand, root.path, output.path]) })
}

/// The child side: converts the tree and prints counts (its own peak RSS is measured by the parent).
func runPidginConversionForBenchmark(logs: URL, output: URL) throws {
    let start = Date()
    let report = try PidginConversion.convert(
        roots: [logs], options: PidginOptions(teamName: "bench"),
        exportOptions: ExportOptions(defaultEmailDomain: "example.com"), output: output)
    let o = report.output
    print(String(format: "converted in %.2f s: ", Date().timeIntervalSince(start))
        + "lines=\(report.input.messages) posts=\(o.posts) direct_posts=\(o.directPosts) skipped=\(report.skipped.reduce(0) { $0 + $1.count })")
    for entry in report.skipped { print("  skipped \(entry.count) \(entry.kind): \(entry.reason)") }
}

/// Writes `files` log files below `root` (10 accounts; 100 files per buddy or room folder); returns the bytes written.
@discardableResult
func generatePidginBenchmarkLogs(at root: URL, files: Int) throws -> Int {
    var random = SplitMix64(seed: 0x9D61)
    let words = ["deploy", "review", "lunch", "meeting", "release", "bug", "coffee", "design", "docs", "test", "ship", "plan"]
    let perFolder = 100
    var bytes = 0
    var written = 0
    var folderIndex = 0
    while written < files {
        let account = "user\(folderIndex % 10)@example.com"
        let isRoom = folderIndex % 10 == 9
        let target = isRoom ? "room\(folderIndex)@conference.example.com.chat" : "buddy\(folderIndex)@example.com"
        let folder = root.appendingPathComponent("jabber/\(account)/\(target)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for index in 0..<min(perFolder, files - written) {
            let day = 1 + index % 28, month = 1 + (index / 28) % 12, hour = 8 + index % 10
            let stamp = String(format: "2011-%02d-%02d.%02d%02d00-0800PST", month, day, hour, index % 60)
            let html = index % 2 == 0
            var text = html ? "<html><head><title>Conversation with \(target) at \(month)/\(day)/2011 \(hour):00:00 on \(account)/Home (XMPP)</title></head><body>\n"
                : "Conversation with \(target) at \(month)/\(day)/2011 \(hour):00:00 on \(account)/Home (XMPP)\n"
            for line in 0..<8 {
                let sent = random.next() % 2 == 0
                let who = sent ? "me" : (isRoom ? "nick\(random.next() % 20)" : "buddy")
                let body = (0..<6).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
                let time = String(format: "%02d:%02d:%02d", hour, line * 5, Int(random.next() % 60))
                if line == 7 {
                    text += html ? "<font size=\"2\">(\(time))</font><b> \(who) has signed off.</b><br/>\n" : "(\(time)) \(who) has signed off.\n"
                } else if html {
                    text += "<font color=\"\(sent ? "#16569E" : "#A82F2F")\"><font size=\"2\">(\(time))</font> <b>\(who):</b></font> \(body)<br/>\n"
                } else {
                    text += "(\(time)) \(who): \(body)\n"
                }
            }
            let data = Data(text.utf8)
            bytes += data.count
            try data.write(to: folder.appendingPathComponent(stamp + (html ? ".html" : ".txt")))
            written += 1
        }
        folderIndex += 1
    }
    return bytes
}
