import Foundation
import MattermoveFixtures
import MigrationCore

// Export benchmark: stage a generated model of N posts (10% replies, some reactions and DMs) and
// export it as a package. Run one size per process so each peak RSS is its own:
//   mattermove-bench export --posts 200000
//   mattermove-bench export --posts 2000000

func runExportBenchmark(posts: Int, keep: URL?) throws {
    let output = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-export-bench-\(getpid()).zip")
    defer { if keep == nil { try? FileManager.default.removeItem(at: output) } }
    let start = DispatchTime.now().uptimeNanoseconds
    let staging = try MigrationStaging(source: "bench")
    try BulkModel.fill(staging, posts: posts)
    let staged = DispatchTime.now().uptimeNanoseconds
    let exporter = PackageExporter(staging: staging, files: SyntheticFiles(), options: ExportOptions())
    exporter.phaseFinished = { name, seconds in print("  \(name): \(String(format: "%.2f", seconds)) s") }
    let report = try exporter.export(to: output)
    let end = DispatchTime.now().uptimeNanoseconds
    let stageSeconds = Double(staged - start) / 1e9, exportSeconds = Double(end - staged) / 1e9
    let size = (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0
    let out = report.output
    print("export: \(posts) posts (\(out.posts) roots, \(out.replies) replies, \(out.directPosts) direct) "
          + "staged in \(String(format: "%.2f", stageSeconds)) s, exported in \(String(format: "%.2f", exportSeconds)) s "
          + "= \(Int(Double(posts) / (stageSeconds + exportSeconds))) posts/s overall; package \(size / 1_000_000) MB; "
          + "peak RSS \(peakRSSMegabytes()) MB")
}
