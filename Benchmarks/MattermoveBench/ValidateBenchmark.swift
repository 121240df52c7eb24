import Foundation
import MattermostImport
import ZIPFoundation

// Validate benchmark of issue 7: `validate` against its floor, `unzip -p PACKAGE import.jsonl > /dev/null`
// (inflating the same JSONL), in one invocation, paired run by run. Two packages: a realistic one of N
// lines (users, channels, posts with replies and reactions, direct channels and posts) and a hostile one
// whose import.jsonl is mostly newlines and whitespace-only lines (2 GB of them zip to ~2 MB). Each
// validation runs in a child process (`mattermove-bench validate-one`), so its peak RSS is its own.
// Entry points for the bench main:
//   validate [PACKAGE…] [--lines N] [--blank-megabytes M] [--pairs P] → runValidateBenchmark(…)
//   validate-generate OUT.zip --lines N | --blank-megabytes M       → generate…Package(at:…)
//   validate-one PACKAGE (the child)                                  → runValidateOnce(packageAt:)

enum ValidateBenchmark {
    /// The bench subcommand that validates one package in a child process.
    static let childCommand = "validate-one"
}

/// Validates each package (generated when none is given) `pairs` times against `unzip -p`.
func runValidateBenchmark(packages: [URL], lines: Int, blankMegabytes: Int, pairs: Int) throws {
    var inputs = packages
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-validate-bench-\(getpid())")
    defer { try? FileManager.default.removeItem(at: dir) }
    if inputs.isEmpty {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let realistic = dir.appendingPathComponent("package-\(lines).zip")
        try generateValidateBenchmarkPackage(at: realistic, lines: lines)
        inputs.append(realistic)
        if blankMegabytes > 0 {
            let blank = dir.appendingPathComponent("blank-\(blankMegabytes)MB.zip")
            try generateBlankLinesPackage(at: blank, megabytes: blankMegabytes)
            inputs.append(blank)
        }
    }
    for package in inputs {
        print("\n\(package.lastPathComponent): \(pairs) pairs of unzip -p (floor) and validate, run by run")
        let runs = try PairedRuns.measure(pairs: pairs,
                                          floor: ("/usr/bin/unzip", ["-p", package.path, "import.jsonl"]),
                                          subject: (PairedRuns.benchExecutable.path, [ValidateBenchmark.childCommand, package.path]))
        PairedRuns.printSummary(runs, subject: "validate")
    }
}

/// The child side: validates `package` and prints its counts, findings and `peak_rss_mb=`.
func runValidateOnce(packageAt package: URL) throws {
    let report = try PackageValidator().validate(packageAt: package)
    let c = report.counts
    print("lines=\(1 + c.teams + c.channels + c.users + c.bots + c.emoji + c.posts + c.directChannels + c.directPosts) "
          + "valid=\(report.isValid) errors=\(report.errors.count) warnings=\(report.warnings.count)")
    for finding in report.errors.prefix(2) { print("  \(finding.description.prefix(160))") }
    print("peak_rss_mb=\(peakRSSMegabytes())")
}

/// Paired timing of a floor command and the command measured, each in a child process: wall and CPU
/// seconds (user + system, from the children's rusage), the ratio per pair, their median and spread.
enum PairedRuns {
    struct Timing {
        var wall: Double
        var cpu: Double
        var output: String
    }

    struct Pair {
        var floor: Timing
        var subject: Timing
        var wallRatio: Double { subject.wall / floor.wall }
        var cpuRatio: Double { subject.cpu / max(floor.cpu, 1e-9) }
        var peakRSS: Int? {
            subject.output.split(separator: "\n").first { $0.hasPrefix("peak_rss_mb=") }.flatMap { Int($0.dropFirst(12)) }
        }
    }

    /// This benchmark's own executable (for child processes).
    static var benchExecutable: URL {
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        return FileManager.default.isExecutableFile(atPath: own.path) ? own : Bundle.main.executableURL ?? own
    }

    static func measure(pairs: Int, floor: (String, [String]), subject: (String, [String])) throws -> [Pair] {
        var result: [Pair] = []
        for index in 1...max(pairs, 1) {
            let pair = Pair(floor: try run(floor.0, floor.1, keepOutput: false), subject: try run(subject.0, subject.1, keepOutput: true))
            print(String(format: "  pair %d: floor %.2f s wall / %.2f s CPU, validate %.2f s wall / %.2f s CPU = %.2f× wall, %.2f× CPU, peak RSS %@ MB",
                         index, pair.floor.wall, pair.floor.cpu, pair.subject.wall, pair.subject.cpu, pair.wallRatio, pair.cpuRatio,
                         pair.peakRSS.map(String.init) ?? "?"))
            result.append(pair)
        }
        return result
    }

    static func printSummary(_ pairs: [Pair], subject: String) {
        let wall = pairs.map(\.wallRatio), cpu = pairs.map(\.cpuRatio)
        if let output = pairs.last?.subject.output {
            for line in output.split(separator: "\n") where !line.hasPrefix("peak_rss_mb=") { print("  \(subject): \(line)") }
        }
        print(String(format: "%@: median %.2f× the floor's wall time (spread %.2f–%.2f×), %.2f× its CPU (spread %.2f–%.2f×); "
                     + "median wall %.2f s against %.2f s; peak RSS %d MB",
                     subject, median(wall), wall.min()!, wall.max()!, median(cpu), cpu.min()!, cpu.max()!,
                     median(pairs.map(\.subject.wall)), median(pairs.map(\.floor.wall)), pairs.compactMap(\.peakRSS).max() ?? -1))
    }

    /// Runs one child to completion (measured with `wait4`); its stdout is kept (or sent to /dev/null
    /// like the floor's).
    static func run(_ path: String, _ arguments: [String], keepOutput: Bool) throws -> Timing {
        let child = try ChildMeasurement.run(path, arguments, keepOutput: keepOutput)
        guard child.status == 0 else {
            throw BenchmarkFailure("\(path) \(arguments.joined(separator: " ")) exited with \(child.status)")
        }
        return Timing(wall: child.wall, cpu: child.cpu, output: child.output)
    }
}

/// Writes a package whose import.jsonl is `megabytes` MB of blank lines: a version line, then runs of
/// LF broken by whitespace-only lines (spaces, TABs, CRLF), then a few ordinary lines, so the whole
/// file must be read. Deflate shrinks it about 1000-fold.
func generateBlankLinesPackage(at package: URL, megabytes: Int) throws {
    let start = DispatchTime.now().uptimeNanoseconds
    let head = Array((#"{"type":"version","version":1}"# + "\n").utf8)
    let tail = Array((#"{"type":"team","team":{"name":"bench","display_name":"Bench","type":"O","allow_open_invite":true}}"# + "\n").utf8)
    // One 1 MiB block: LFs with a whitespace-only line every 64 KiB.
    var block = [UInt8](repeating: 0x0A, count: 1 << 20)
    for offset in stride(from: 1 << 16, to: block.count, by: 1 << 16) {
        block.replaceSubrange(offset..<offset + 6, with: Array("  \t \r\n".utf8))
    }
    let blocks = megabytes
    let size = head.count + blocks * block.count + tail.count
    try? FileManager.default.removeItem(at: package)
    let archive = try Archive(url: package, accessMode: .create)
    try archive.addEntry(with: "import.jsonl", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate,
                         bufferSize: block.count) { position, chunk in
        // Chunks arrive in order and never straddle the head, a block and the tail (sizes are multiples).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chunk)
        var at = Int(position)
        while bytes.count < chunk {
            if at < head.count {
                bytes += head[at...].prefix(chunk - bytes.count)
            } else if at < head.count + blocks * block.count {
                let inBlock = (at - head.count) % block.count
                bytes += block[inBlock...].prefix(chunk - bytes.count)
            } else {
                bytes += tail[(at - head.count - blocks * block.count)...].prefix(chunk - bytes.count)
            }
            at = Int(position) + bytes.count
        }
        return Data(bytes)
    }
    let compressed = (try FileManager.default.attributesOfItem(atPath: package.path)[.size] as? NSNumber)?.intValue ?? 0
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "validate-generate: %d MB of mostly blank lines, %.1f MB zipped, in %.1f s → %@",
                 size / 1_000_000, Double(compressed) / 1e6, seconds, package.path))
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
