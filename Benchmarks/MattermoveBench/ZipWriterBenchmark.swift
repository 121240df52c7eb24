import CCompressZlib
import Foundation
import MattermostImport

/// Throughput of `ImportPackageWriter` on realistic JSONL (post lines with varied words) at level 1, in
/// megabytes of JSONL input per second, plus the compression ratio and peak RSS.
///
/// `megabytes`: amount of JSONL to write (default 512).
func runZipWriterBenchmark(megabytes: Int = 512, compressionLevel: Int = 1) throws {
    let lines = BenchmarkText.postLines(count: 20_000)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zip-writer-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appendingPathComponent("bench.zip")

    let target = megabytes << 20
    try rawDeflateBaseline(lines: lines, bytes: target, compressionLevel: compressionLevel)
    var written = 0
    var lineCount = 0
    let start = DispatchTime.now()
    let cpuStart = BenchmarkText.cpuSeconds()
    let writer = try ImportPackageWriter(destination: destination, compressionLevel: compressionLevel)
    while written < target {
        let line = lines[lineCount % lines.count]
        try writer.writeJSONLLine(line)
        written += line.count + 1
        lineCount += 1
    }
    try writer.finish()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let size = (try FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? NSNumber)?.intValue ?? 0
    let cpu = BenchmarkText.cpuSeconds() - cpuStart
    print(String(format: "zip writer: %d lines, %.0f MB JSONL at level %d in %.2f s wall (%.2f s CPU) = %.0f MB/s input, ratio %.1f, peak RSS %d MB",
                 lineCount, Double(written) / 1e6, compressionLevel, seconds, cpu, Double(written) / 1e6 / seconds,
                 Double(written) / Double(max(size, 1)), peakRSSMegabytes()))
    try smallFilesBenchmark(lines: lines, folder: folder, compressionLevel: compressionLevel)
}

/// Per-entry overhead: 100,000 attachments of ~4 KB each (text, so deflated).
private func smallFilesBenchmark(lines: [[UInt8]], folder: URL, compressionLevel: Int) throws {
    let count = 100_000
    let bodies = (0..<64).map { index -> [UInt8] in
        var body: [UInt8] = []
        var line = index
        while body.count < 4_000 { body += lines[line % lines.count]; line += 64 }
        return body
    }
    let destination = folder.appendingPathComponent("files.zip")
    let start = DispatchTime.now()
    let writer = try ImportPackageWriter(destination: destination, compressionLevel: compressionLevel)
    var bytes = 0
    for index in 0..<count {
        let body = bodies[index % bodies.count]
        bytes += body.count
        try writer.addFile(at: "F\(index)/notes.txt", size: Int64(body.count)) { write in
            try body.withUnsafeBytes { try write($0) }
        }
    }
    try writer.finish()
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    print(String(format: "zip writer: %d files of ~4 KB (%.0f MB) at level %d in %.2f s = %.0f files/s, %.0f MB/s, peak RSS %d MB",
                 count, Double(bytes) / 1e6, compressionLevel, seconds, Double(count) / seconds,
                 Double(bytes) / 1e6 / seconds, peakRSSMegabytes()))
}

/// The floor for one deflate stream: the same bytes deflated in 1 MiB buffers on the calling thread, no
/// zip, no file. The writer's number is only meaningful next to this one on a shared machine.
private func rawDeflateBaseline(lines: [[UInt8]], bytes target: Int, compressionLevel: Int) throws {
    var input = [UInt8]()
    input.reserveCapacity(1 << 20)
    var lineIndex = 0
    var output = [UInt8](repeating: 0, count: 2 << 20)
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { deflateEnd(stream); stream.deallocate() }
    _ = CCompressZlib_deflateInit2(stream, Int32(compressionLevel), Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY)
    var done = 0
    var deflateSeconds = 0.0
    while done < target {
        input.removeAll(keepingCapacity: true)
        while input.count < (1 << 20) - 4096 {
            input += lines[lineIndex % lines.count]
            input.append(0x0A)
            lineIndex += 1
        }
        let start = DispatchTime.now()
        input.withUnsafeMutableBytes { source in
            output.withUnsafeMutableBytes { destination in
                stream.pointee.next_in = source.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(source.count)
                repeat {
                    stream.pointee.next_out = destination.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    stream.pointee.avail_out = UInt32(destination.count)
                    _ = deflate(stream, Z_NO_FLUSH)
                } while stream.pointee.avail_in > 0
            }
        }
        deflateSeconds += Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        done += input.count
    }
    print(String(format: "zip writer baseline: raw zlib deflate level %d on one thread: %.0f MB in %.2f s = %.0f MB/s",
                 compressionLevel, Double(done) / 1e6, deflateSeconds, Double(done) / 1e6 / deflateSeconds))
}

/// Shared helpers for the zip benchmarks.
enum BenchmarkText {
    static let words = ["the", "deploy", "meeting", "is", "at", "noon", "please", "review", "my", "pull", "request",
                        "thanks", "👍", "café", "build", "failed", "again", "on", "staging", "can", "someone", "look",
                        "customer", "reported", "latency", "spike", "Zürich", "office", "lunch", "tomorrow", "ok"]

    /// Mattermost post lines with pseudo-random text (fixed seed, so runs are comparable).
    static func postLines(count: Int) -> [[UInt8]] {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        return (0..<count).map { index in
            let text = (0..<(5 + next() % 40)).map { _ in words[next() % words.count] }.joined(separator: " ")
            let line = #"{"type":"post","post":{"team":"acme","channel":"channel-\#(next() % 200)","user":"user\#(next() % 5000)","message":"\#(text)","create_at":\#(1_700_000_000_000 + index * 1000)}}"#
            return Array(line.utf8)
        }
    }

    /// User + system CPU time of the process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
