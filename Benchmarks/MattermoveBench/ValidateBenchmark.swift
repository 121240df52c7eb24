import Foundation
import MattermostImport
import ZIPFoundation

// Validate benchmark: a realistic package of N lines (users, channels, posts with replies and
// reactions, direct channels and posts), validated in a process of its own so that generation does not
// pollute the peak-RSS figure. Entry points for the bench main:
//   validate-generate OUT.zip --lines N  → generateValidateBenchmarkPackage(at:lines:)
//   validate PACKAGE.zip                 → runValidateBenchmark(packageAt:)
//   (both in one process)                → runValidateBenchmark(lines:)

/// Generates and validates in one process (convenient; RSS includes the streamed generation).
func runValidateBenchmark(lines: Int) throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-validate-bench-\(getpid())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let package = dir.appendingPathComponent("package.zip")
    try generateValidateBenchmarkPackage(at: package, lines: lines)
    try runValidateBenchmark(packageAt: package)
}

/// Validates `package` and prints lines/s, MB/s of JSONL and peak RSS.
func runValidateBenchmark(packageAt package: URL) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    let report = try PackageValidator().validate(packageAt: package)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let c = report.counts
    let lines = 1 + c.teams + c.channels + c.users + c.bots + c.emoji + c.posts + c.directChannels + c.directPosts
    print("validate: \(lines) lines in \(String(format: "%.2f", seconds)) s = \(Int(Double(lines) / seconds)) lines/s; "
          + "valid=\(report.isValid) errors=\(report.errors.count) warnings=\(report.warnings.count); "
          + "peak RSS \(peakRSSMegabytes()) MB")
    if !report.isValid { print("first errors: \(report.errors.prefix(3))") }
}

/// Writes a package of exactly `lines` JSONL lines with its attachment files.
func generateValidateBenchmarkPackage(at package: URL, lines: Int) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    let jsonl = package.deletingLastPathComponent().appendingPathComponent("bench-import-\(getpid()).jsonl")
    defer { try? FileManager.default.removeItem(at: jsonl) }
    FileManager.default.createFile(atPath: jsonl.path, contents: nil)
    let out = try FileHandle(forWritingTo: jsonl)
    var generator = BenchmarkPackageLines(totalLines: max(lines, 10))
    var buffer: [UInt8] = []
    buffer.reserveCapacity(1 << 20)
    while let line = generator.next() {
        buffer += line.utf8
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 {
            out.write(Data(buffer))
            buffer.removeAll(keepingCapacity: true)
        }
    }
    out.write(Data(buffer))
    try out.close()

    try? FileManager.default.removeItem(at: package)
    let archive = try Archive(url: package, accessMode: .create)
    let size = (try FileManager.default.attributesOfItem(atPath: jsonl.path)[.size] as? NSNumber)?.int64Value ?? 0
    let reader = try FileHandle(forReadingFrom: jsonl)
    try archive.addEntry(with: "import.jsonl", type: .file, uncompressedSize: size, compressionMethod: .deflate,
                         bufferSize: 1 << 20) { position, chunk in
        try reader.seek(toOffset: UInt64(position))
        return try reader.read(upToCount: chunk) ?? Data()
    }
    try reader.close()
    for file in 0..<BenchmarkPackageLines.attachmentFiles {
        let data = Data("attachment \(file)\n".utf8)
        try archive.addEntry(with: "data/files/\(file).txt", type: .file, uncompressedSize: Int64(data.count),
                             compressionMethod: .deflate) { position, chunk in data.subdata(in: Int(position)..<Int(position) + chunk) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print("validate-generate: \(generator.emitted) lines, \(size / 1_000_000) MB of JSONL, in \(String(format: "%.1f", seconds)) s → \(package.path)")
}

func peakRSSMegabytes() -> Int {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss / 1024  // KiB on Linux
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss / (1024 * 1024)  // bytes on macOS
    #endif
}

/// Deterministic line source: version, 1 team, 200 channels, 2,000 users, then channel posts (10%
/// with replies, 5% with reactions, 1% with a file), 1,000 direct channels and the direct posts.
struct BenchmarkPackageLines {
    static let channels = 200
    static let users = 2_000
    static let directChannels = 1_000
    static let attachmentFiles = 100

    let totalLines: Int
    private(set) var emitted = 0
    private var random = SplitMix64(seed: 42)

    init(totalLines: Int) { self.totalLines = totalLines }

    private var headerLines: Int { 2 + Self.channels + Self.users }
    private var directPostLines: Int { (totalLines - headerLines - Self.directChannels) / 10 }
    private var channelPostLines: Int { totalLines - headerLines - Self.directChannels - directPostLines }

    mutating func next() -> String? {
        guard emitted < totalLines else { return nil }
        defer { emitted += 1 }
        let i = emitted
        if i == 0 { return #"{"type":"version","version":1}"# }
        if i == 1 { return #"{"type":"team","team":{"name":"bench","display_name":"Bench Team","type":"O","allow_open_invite":true}}"# }
        var n = i - 2
        if n < Self.channels {
            return #"{"type":"channel","channel":{"team":"bench","name":"channel-\#(n)","display_name":"Channel \#(n) – Ünïcode","type":"\#(n % 5 == 0 ? "P" : "O")","purpose":"Generated channel \#(n)"}}"#
        }
        n -= Self.channels
        if n < Self.users {
            let channels = (0..<3).map { #"{"name":"channel-\#((n + $0 * 67) % Self.channels)","roles":"channel_user","msg_count":10,"msg_count_root":9,"last_viewed_at":1700000000000}"# }
            return #"{"type":"user","user":{"username":"user\#(n)","email":"user\#(n)@example.com","first_name":"Jöhn \#(n)","last_name":"Doe","roles":"system_user","locale":"en","teams":[{"name":"bench","roles":"team_user","channels":[\#(channels.joined(separator: ","))]}]}}"#
        }
        n -= Self.users
        if n < channelPostLines { return channelPost(n) }
        n -= channelPostLines
        if n < Self.directChannels {
            return #"{"type":"direct_channel","direct_channel":{"members":["user\#(n)","user\#((n + 1) % Self.users)"],"favorited_by":["user\#(n)"]}}"#
        }
        n -= Self.directChannels
        return directPost(n)
    }

    private mutating func message() -> String {
        let words = ["deploy", "the", "build", "is", "green", "again", "réunion", "à", "14h", "👍", "see", "PR", "#4521", "thanks", "on", "call"]
        let count = 6 + Int(random.next() % 30)
        return (0..<count).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined(separator: " ")
    }

    private func user(_ k: Int) -> String { "user\(k % Self.users)" }

    private mutating func channelPost(_ n: Int) -> String {
        let channel = n % Self.channels
        let createAt = 1_600_000_000_000 + Int64(n / Self.channels) * 1_000
        var extra = ""
        let roll = random.next() % 100
        if roll < 10 {
            let replies = (1...(1 + Int(random.next() % 3))).map { r in
                #"{"user":"\#(user(n + r))","message":"\#(message())","create_at":\#(createAt + Int64(r))}"#
            }
            extra += #","replies":[\#(replies.joined(separator: ","))]"#
        }
        if roll % 20 == 3 { extra += #","reactions":[{"user":"\#(user(n + 7))","emoji_name":"+1","create_at":\#(createAt + 5)}]"# }
        if roll == 42 { extra += #","attachments":[{"path":"files/\#(n % Self.attachmentFiles).txt"}]"# }
        return #"{"type":"post","post":{"team":"bench","channel":"channel-\#(channel)","user":"\#(user(n))","message":"\#(message())","create_at":\#(createAt)\#(extra)}}"#
    }

    private mutating func directPost(_ n: Int) -> String {
        let pair = n % Self.directChannels
        let createAt = 1_600_000_000_000 + Int64(n / Self.directChannels) * 1_000
        return #"{"type":"direct_post","direct_post":{"channel_members":["user\#(pair)","user\#((pair + 1) % Self.users)"],"user":"user\#(pair)","message":"\#(message())","create_at":\#(createAt)}}"#
    }
}

/// Small deterministic PRNG so every run generates the same package.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
