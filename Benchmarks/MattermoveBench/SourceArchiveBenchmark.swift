import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import ZIPFoundation

/// Read throughput of `SourceArchive` on many small entries (the shape of a Slack export: ~4 KB day files),
/// on one and two threads, next to ZIPFoundation's `Archive` and `unzip -p` on the same file.
func runSourceArchiveBenchmark(entries: Int = 100_000, entryBytes: Int = 4_000) throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("source-archive-bench-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let zipURL = folder.appendingPathComponent("export.zip")

    // Build the export with the package writer at level 6 (what `zip` uses by default).
    let lines = BenchmarkText.postLines(count: 5_000)
    let writer = try ImportPackageWriter(destination: zipURL, compressionLevel: 6)
    var lineIndex = 0
    for index in 0..<entries {
        var body: [UInt8] = [UInt8(ascii: "[")]
        while body.count < entryBytes {
            body += lines[lineIndex % lines.count] + [UInt8(ascii: ",")]
            lineIndex += 1
        }
        body[body.count - 1] = UInt8(ascii: "]")
        try writer.addFile(at: "channel-\(index % 200)/2024-\(index / 200).json", size: Int64(body.count)) { write in
            try body.withUnsafeBytes { try write($0) }
        }
    }
    try writer.finish()

    func timed(_ body: () throws -> Int) rethrows -> (seconds: Double, bytes: Int) {
        let start = DispatchTime.now()
        let bytes = try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9, bytes)
    }
    func report(_ label: String, _ result: (seconds: Double, bytes: Int)) {
        print(String(format: "source archive: %@: %.0f MB in %.2f s = %.0f MB/s (%.0f entries/s)", label,
                     Double(result.bytes) / 1e6, result.seconds, Double(result.bytes) / 1e6 / result.seconds,
                     Double(entries) / result.seconds))
    }

    print("source archive: peak RSS after writing the zip \(peakRSSMegabytes()) MB")
    let openStart = DispatchTime.now()
    let archive = try SourceArchive(url: zipURL)
    let openSeconds = Double(DispatchTime.now().uptimeNanoseconds - openStart.uptimeNanoseconds) / 1e9
    print(String(format: "source archive: open + list %d entries: %.3f s", archive.entryCount, openSeconds))
    print("source archive: peak RSS after open + list \(peakRSSMegabytes()) MB")

    report("SourceArchive.readAll, 1 thread", try timed {
        var total = 0
        try archive.forEachEntry { total += try archive.readAll($0).count }
        return total
    })

    report("SourceArchive.readAll, 2 threads", timed {
        let totals = WorkerTotals()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            var total = 0
            var index = 0
            try? archive.forEachEntry { entry in
                if index % 2 == worker { total += (try? archive.readAll(entry).count) ?? 0 }
                index += 1
            }
            totals.values[worker] = total
        }
        return totals.values[0] + totals.values[1]
    })

    report("ZIPFoundation Archive iterate + extract, 1 thread", try timed {
        let zip = try Archive(url: zipURL, accessMode: .read)
        var total = 0
        for entry in zip {
            _ = try zip.extract(entry, skipCRC32: false) { total += $0.count }
        }
        return total
    })

    if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
        report("unzip -p > /dev/null (floor)", try timed {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
            process.arguments = ["-p", zipURL.path]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            try process.run()
            process.waitUntilExit()
            var total = 0
            try archive.forEachEntry { total += Int($0.uncompressedSize) }
            return total
        })
    }
    print("source archive: peak RSS \(peakRSSMegabytes()) MB")
}

/// Per-worker byte counts; each worker writes only its own slot.
private final class WorkerTotals: @unchecked Sendable {
    var values = [0, 0]
}
