import Foundation
import MigrationCore
import SlackSource

/// The Slack conversion benchmark (issues 3 and 7): a generated export of N messages over C channels
/// shaped like a current export (`user_profile`, `blocks`; ~10 % thread replies, ~5 % with reactions,
/// ~20 % with mentions, ~5 % edited, ~2 % bot messages with legacy attachments, ~3 % with file
/// metadata), zipped with one entry per channel-day. Each run is a pair, back to back: `unzip -p
/// export.zip > /dev/null` (the inflate floor), then the conversion in a child process
/// (`mattermove-bench slack-convert`); both are measured with `wait4`, so wall and CPU seconds and the
/// conversion's peak RSS are the children's own. Prints every pair, then the medians of the ratios with
/// their spread (min–max).
enum SlackBenchmark {
    /// The bench subcommand that runs one conversion in a child process (see `runSlackConversionForBenchmark`).
    static let childCommand = "slack-convert"
}

/// Generates (or reuses) the export at `export` and prints `runs` paired measurements and their medians.
func runSlackBenchmark(messages: Int, channels: Int, runs: Int, export: URL?, keepOutput: URL?) throws {
    let zip = export ?? FileManager.default.temporaryDirectory.appendingPathComponent("slack-bench-v2-\(messages)-\(channels).zip")
    if !FileManager.default.fileExists(atPath: zip.path) {
        let start = Date()
        let stats = try generateSlackBenchmarkExport(at: zip, messages: messages, channels: channels)
        print(String(format: "generated %@: %d messages, %d channels, %d day files, %.0f MB of JSON in %.1f s",
                     zip.lastPathComponent, messages, channels, stats.dayFiles, Double(stats.jsonBytes) / 1e6,
                     Date().timeIntervalSince(start)))
    }
    let output = keepOutput ?? FileManager.default.temporaryDirectory.appendingPathComponent("slack-bench-out-\(getpid()).zip")
    defer { if keepOutput == nil { try? FileManager.default.removeItem(at: output) } }
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
    try runPairedBenchmark(pairs: runs, floorName: "unzip -p",
                           floor: { try ChildMeasurement.run("/usr/bin/unzip", ["-p", zip.path], keepOutput: false) },
                           conversion: { try ChildMeasurement.run(me, [SlackBenchmark.childCommand, zip.path, output.path]) })
}

/// The child side: converts `export` to `output` and prints counts and `peak_rss_mb=` (its own `ru_maxrss`).
func runSlackConversionForBenchmark(export: URL, output: URL) throws {
    let start = Date()
    let firstProgress = FirstProgress()
    let report = try SlackConversion.convert(
        export: export, options: SlackOptions(teamName: "bench"),
        exportOptions: ExportOptions(defaultEmailDomain: "example.com", botOwner: "user0"), output: output,
        progress: { phase, _, _ in if !phase.hasPrefix("reading") { firstProgress.mark() } },
        phaseFinished: printPhase)
    let total = Date().timeIntervalSince(start)
    let reading = firstProgress.time.map { $0.timeIntervalSince(start) } ?? total
    print(String(format: "reading the export into staging: %.2f s, writing the package: %.2f s", reading, total - reading))
    let o = report.output
    print("posts=\(o.posts) replies=\(o.replies) reactions=\(o.reactions) skipped=\(report.skipped.reduce(0) { $0 + $1.count })")
    for entry in report.skipped { print("  skipped \(entry.count) \(entry.kind): \(entry.reason)") }
}

/// The time of the exporter's first progress report: the end of the reading phase.
final class FirstProgress: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var time: Date?
    func mark() {
        lock.lock()
        if time == nil { time = Date() }
        lock.unlock()
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes the benchmark export: `users.json` (1,000 users), `channels.json`, and day files of 8
/// messages each (so 1 M messages make 125 k entries), zipped by `/usr/bin/zip -1`.
@discardableResult
func generateSlackBenchmarkExport(at zip: URL, messages: Int, channels: Int) throws -> (dayFiles: Int, jsonBytes: Int) {
    let folder = zip.deletingPathExtension().appendingPathExtension("tree-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var random = SplitMix64(seed: 0x5EED)
    let userCount = 1_000
    func userID(_ index: Int) -> String { String(format: "U%08X", index + 0x1000) }
    var users = "["
    for index in 0..<userCount {
        if index > 0 { users += "," }
        users += #"{"id":"\#(userID(index))","team_id":"T0BENCH","name":"user\#(index)","deleted":false,"real_name":"User Number \#(index)","is_bot":false,"profile":{"real_name":"User Number \#(index)","first_name":"User","last_name":"Number \#(index)","display_name":"u\#(index)","email":"user\#(index)@example.com","title":"Engineer"}}"#
    }
    try Data((users + "]").utf8).write(to: folder.appendingPathComponent("users.json"))
    var channelList = "["
    for index in 0..<channels {
        if index > 0 { channelList += "," }
        let members = (0..<20).map { "\"\(userID((index * 7 + $0 * 13) % userCount))\"" }.joined(separator: ",")
        channelList += #"{"id":"C\#(String(format: "%08X", index))","name":"channel-\#(index)","created":1600000000,"creator":"\#(userID(index % userCount))","is_archived":false,"members":[\#(members)],"topic":{"value":"Topic \#(index)"},"purpose":{"value":"Purpose \#(index)"}}"#
    }
    try Data((channelList + "]").utf8).write(to: folder.appendingPathComponent("channels.json"))

    let perDay = 8
    let words = ["deploy", "review", "lunch", "meeting", "release", "bug", "coffee", "design", "docs", "test", "ship", "plan"]
    var dayFiles = 0
    var jsonBytes = 0
    let perChannel = (messages + channels - 1) / channels
    for channel in 0..<channels {
        let directory = folder.appendingPathComponent("channel-\(channel)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var written = 0
        var day = 0
        var recentRoots: [String] = []
        let count = min(perChannel, messages - channel * perChannel)
        while written < count {
            let dayStart = 1_600_000_000 + day * 86_400
            var file = "["
            for slot in 0..<min(perDay, count - written) {
                let ts = "\(dayStart + slot * 600 + Int(random.next() % 500)).\(String(format: "%06d", Int32(random.next() % 1_000_000)))"
                let author = Int(random.next() % UInt64(userCount))
                var text = (0..<8).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
                if random.next() % 100 < 20 { text = "<@\(userID(Int(random.next() % UInt64(userCount))))> " + text }
                if random.next() % 100 < 10 { text += " *important*" }
                var extra = ""
                if random.next() % 100 < 10, let root = recentRoots.last {
                    extra += #","thread_ts":"\#(root)","parent_user_id":"\#(userID(author))""#
                } else {
                    recentRoots.append(ts)
                    if recentRoots.count > 4 { recentRoots.removeFirst() }
                }
                let kind = random.next() % 100
                if kind < 5 {
                    extra += #","edited":{"user":"\#(userID(author))","ts":"\#(dayStart + slot * 600 + 700).000000"}"#
                } else if kind < 8 {
                    let id = String(format: "F%08X", channel * 1_000_000 + written)
                    extra += #","files":[{"id":"\#(id)","created":\#(dayStart),"timestamp":\#(dayStart),"name":"report-\#(written).pdf","title":"Report \#(written)","mimetype":"application/pdf","filetype":"pdf","pretty_type":"PDF","user":"\#(userID(author))","mode":"hosted","editable":false,"is_external":false,"external_type":"","size":\#(1000 + Int(random.next() % 100_000)),"url_private":"https://files.slack.com/files-pri/T0BENCH-\#(id)/report-\#(written).pdf","url_private_download":"https://files.slack.com/files-pri/T0BENCH-\#(id)/download/report-\#(written).pdf","permalink":"https://bench.slack.com/files/\#(userID(author))/\#(id)/report-\#(written).pdf"}],"upload":true"#
                }
                let isBot = random.next() % 100 < 2
                if random.next() % 100 < 5 {
                    extra += #","reactions":[{"name":"thumbsup::skin-tone-2","users":["\#(userID(Int(random.next() % UInt64(userCount))))"],"count":1}]"#
                }
                if slot > 0 { file += "," }
                if isBot {
                    file += #"{"type":"message","subtype":"bot_message","text":"","ts":"\#(ts)","bot_id":"B0BENCH","username":"ci-bot","icons":{"image_48":"https://example.com/ci.png"},"attachments":[{"fallback":"Build \#(written) passed","color":"36a64f","pretext":"CI","title":"Build \#(written)","title_link":"https://ci.example.com/\#(written)","text":"\#(text)","fields":[{"title":"Status","value":"passed","short":true},{"title":"Branch","value":"main","short":true}],"footer":"ci","ts":\#(dayStart)}]\#(extra)}"#
                    written += 1
                    continue
                }
                file += #"{"client_msg_id":"\#(String(format: "%08x-0000-4000-8000-%012x", channel, written))","type":"message","text":"\#(text)","user":"\#(userID(author))","ts":"\#(ts)","team":"T0BENCH","user_team":"T0BENCH","source_team":"T0BENCH","user_profile":{"avatar_hash":"g0123456789a","first_name":"User","real_name":"User Number \#(author)","display_name":"u\#(author)","team":"T0BENCH","name":"user\#(author)","is_restricted":false,"is_ultra_restricted":false},"blocks":[{"type":"rich_text","block_id":"b\#(written)","elements":[{"type":"rich_text_section","elements":[{"type":"text","text":"\#(text.replacingOccurrences(of: "<", with: "").replacingOccurrences(of: ">", with: ""))"}]}]}]\#(extra)}"#
                written += 1
            }
            file += "]"
            let date = Date(timeIntervalSince1970: TimeInterval(dayStart))
            let name = ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            let data = Data(file.utf8)
            jsonBytes += data.count
            try data.write(to: directory.appendingPathComponent("\(name).json"))
            dayFiles += 1
            day += 1
        }
    }
    try? FileManager.default.removeItem(at: zip)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
    process.arguments = ["-q", "-r", "-1", zip.path, "."]
    process.currentDirectoryURL = folder
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw BenchmarkFailure("zip failed with status \(process.terminationStatus)") }
    return (dayFiles, jsonBytes)
}
