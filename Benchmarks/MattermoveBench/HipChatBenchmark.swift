import Foundation
import HipChatSource
import MigrationCore

/// The HipChat conversion benchmark (issue 10): a generated HipChat Server export of N messages (90 %
/// room messages over R rooms, 10 % 1:1 messages stored once per participant as HipChat does; ~5 %
/// `/code`, ~10 % mentions, ~2 % HTML notifications), packed with `tar czf` and encrypted with
/// `openssl enc -aes-256-cbc -md md5`. Each run is a pair, back to back: the floor
/// `openssl enc -d … | tar -xzO > /dev/null` (decrypt and inflate once, nothing else), then the
/// conversion to a package in a child process (`mattermove-bench hipchat-convert`), both measured with
/// `wait4`. Prints every pair, then the medians of the ratios with their spread and the peak RSS.
enum HipChatBenchmark {
    static let childCommand = "hipchat-convert"
    /// Generating runs in a child too: a spawned conversion's peak RSS (`ru_maxrss`) includes the memory
    /// of the process it was spawned from, which generating 5,000,000 messages left at about 250 MiB.
    static let generateCommand = "hipchat-generate"
    static let password = "bench password"
}

func runHipChatBenchmark(messages: Int, rooms: Int, runs: Int, export: URL?) throws {
    let encrypted = export ?? FileManager.default.temporaryDirectory.appendingPathComponent("hipchat-bench-v1-\(messages)-\(rooms).tar.gz.aes")
    let passwordFile = encrypted.appendingPathExtension("password")
    try Data(HipChatBenchmark.password.utf8).write(to: passwordFile)
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
    if !FileManager.default.fileExists(atPath: encrypted.path) {
        let start = Date()
        let generated = try ChildMeasurement.run(me, [HipChatBenchmark.generateCommand, String(messages), String(rooms), encrypted.path, passwordFile.path])
        guard generated.status == 0, let bytes = Int(generated.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw BenchmarkFailure("generating the export failed (status \(generated.status))")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: encrypted.path)[.size] as? Int) ?? 0
        print(String(format: "generated %@: %d messages, %d rooms, %.0f MB of JSON, %.0f MB encrypted, in %.1f s",
                     encrypted.lastPathComponent, messages, rooms, Double(bytes) / 1e6, Double(size) / 1e6, Date().timeIntervalSince(start)))
    }
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("hipchat-bench-out-\(getpid()).zip")
    defer { try? FileManager.default.removeItem(at: output) }
    let floorCommand = "openssl enc -d -aes-256-cbc -md md5 -pass file:'\(passwordFile.path)' -in '\(encrypted.path)' | tar -xzO > /dev/null"
    try runPairedBenchmark(pairs: runs, floorName: "openssl enc -d | tar -xzO", target: "≤ 4× wall, ≤ 256 MiB",
                           floor: { try ChildMeasurement.run("/bin/sh", ["-c", floorCommand], keepOutput: false) },
                           conversion: { try ChildMeasurement.run(me, [HipChatBenchmark.childCommand, encrypted.path, output.path, passwordFile.path]) })
}

/// The child side: converts the encrypted export and prints the phase times and counts.
func runHipChatConversionForBenchmark(export: URL, output: URL, passwordFile: URL) throws {
    let password = Array(try Data(contentsOf: passwordFile))
    let start = Date()
    let firstProgress = FirstProgress()
    let report = try HipChatConversion.convert(
        export: export, options: HipChatOptions(teamName: "bench"),
        exportOptions: ExportOptions(defaultEmailDomain: "example.com"), output: output, password: { password },
        progress: { phase, _, _ in if !phase.hasPrefix("reading") { firstProgress.mark() } }, phaseFinished: printPhase)
    let total = Date().timeIntervalSince(start)
    let reading = firstProgress.time.map { $0.timeIntervalSince(start) } ?? total
    print(String(format: "reading the export into staging (one pass, then the spooled histories): %.2f s, writing the package: %.2f s", reading, total - reading))
    let o = report.output
    print("posts=\(o.posts) direct_posts=\(o.directPosts) skipped=\(report.skipped.reduce(0) { $0 + $1.count })")
}

/// Writes the export tree, then `tar czf | openssl enc -md md5` into `encrypted`; returns the JSON bytes.
@discardableResult
func generateHipChatBenchmarkExport(at encrypted: URL, passwordFile: URL, messages: Int, rooms: Int) throws -> Int {
    let folder = encrypted.deletingLastPathComponent().appendingPathComponent("hipchat-bench-tree-\(getpid())")
    try? FileManager.default.removeItem(at: folder)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var random = SplitMix64(seed: 0x41C4A7)
    let userCount = 1_000
    var jsonBytes = 0
    func write(_ text: String, _ path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = Data(text.utf8)
        jsonBytes += data.count
        try data.write(to: url)
    }
    var users: [String] = []
    for index in 0..<userCount {
        let email = index % 50 == 7 ? "null" : "\"user\(index)@example.com\""
        users.append(#"{"User":{"id":\#(index + 1),"name":"User Number \#(index)","mention_name":"user\#(index)","email":\#(email),"account_type":"\#(index == 0 ? "admin" : (index % 50 == 7 ? "guest" : "user"))","roles":["user"],"is_deleted":\#(index % 97 == 5),"created":"2013-12-02T18:04:15+00:00","timezone":"UTC","title":"Engineer"}}"#)
    }
    try write("[" + users.joined(separator: ",") + "]", "users.json")
    var roomList: [String] = []
    for room in 0..<rooms {
        let members = room % 4 == 0 ? (0..<20).map { String((room * 7 + $0 * 13) % userCount + 1) }.joined(separator: ",") : ""
        roomList.append(#"{"Room":{"id":\#(room + 1),"name":"Room \#(room)","topic":"Topic \#(room)","privacy":"\#(room % 4 == 0 ? "private" : "public")","is_archived":false,"owner":\#(room % userCount + 1),"members":[\#(members)],"participants":[],"created":"2014-01-01T00:00:00+00:00"}}"#)
    }
    try write("[" + roomList.joined(separator: ",") + "]", "rooms.json")
    try write("{}", "metadata.json")
    let words = ["deploy", "review", "lunch", "meeting", "release", "bug", "coffee", "design", "docs", "test", "ship", "plan"]
    func text() -> String {
        var body = (0..<8).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
        let kind = random.next() % 100
        if kind < 10 { body = "@user\(random.next() % UInt64(userCount)) " + body }
        if kind >= 10 && kind < 15 { body = "/code let x = \(kind)\\nprint(x)" }
        return body
    }
    // Formatted by hand: a Foundation date formatter per message made 1 M messages take 6 minutes.
    func timestamp(_ seconds: Int) -> String {
        BenchTimestamp.iso8601(epochSeconds: 1_500_000_000 + seconds) + " " + BenchTimestamp.padded(Int(random.next() % 1_000_000), 6)
    }
    let directCount = messages / 10
    let roomCount = messages - directCount
    let perRoom = (roomCount + rooms - 1) / rooms
    var written = 0
    for room in 0..<rooms {
        var entries: [String] = []
        let count = min(perRoom, roomCount - written)
        guard count > 0 else { break }
        entries.reserveCapacity(count)
        for index in 0..<count {
            let sender = Int(random.next() % UInt64(userCount)) + 1
            if random.next() % 100 < 2 {
                entries.append(#"{"NotificationMessage":{"id":"n\#(room)-\#(index)","sender":"CI","message_format":"html","color":"green","message":"<b>Build \#(index)</b> passed","timestamp":"\#(timestamp(room * 1000 + index * 60))"}}"#)
            } else {
                entries.append(#"{"UserMessage":{"id":"r\#(room)-\#(index)","sender":{"id":\#(sender),"name":"User Number \#(sender - 1)","mention_name":"user\#(sender - 1)"},"message":"\#(text())","timestamp":"\#(timestamp(room * 1000 + index * 60))","mentions":[],"attachment":null}}"#)
            }
        }
        written += count
        try write("[" + entries.joined(separator: ",") + "]", "rooms/\(room + 1)/history.json")
    }
    // 1:1 messages among the first 200 users, each written into both participants' files.
    var perUser: [Int: [String]] = [:]
    for index in 0..<directCount {
        let a = index % 200 + 1
        var b = (index * 7 + 3) % 200 + 1
        if b == a { b = a % 200 + 1 }
        let entry = #"{"PrivateUserMessage":{"id":"p\#(index)","sender":{"id":\#(a),"name":"User Number \#(a - 1)"},"receiver":{"id":\#(b),"name":"User Number \#(b - 1)"},"message":"\#(text())","timestamp":"\#(timestamp(index * 30))"}}"#
        perUser[a, default: []].append(entry)
        perUser[b, default: []].append(entry)
    }
    for (user, entries) in perUser.sorted(by: { $0.key < $1.key }) {
        try write("[" + entries.joined(separator: ",") + "]", "users/\(user)/history.json")
    }
    try? FileManager.default.removeItem(at: encrypted)
    let pipeline = "tar czf - -C '\(folder.path)' . | openssl enc -aes-256-cbc -md md5 -salt -pass file:'\(passwordFile.path)' -out '\(encrypted.path)'"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", pipeline]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw BenchmarkFailure("tar | openssl failed with status \(process.terminationStatus)") }
    return jsonBytes
}
