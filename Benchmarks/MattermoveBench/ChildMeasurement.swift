import Foundation

// What every paired benchmark shares: measuring one child process and the median of a series.

/// The median of `values` (the mean of the middle two for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// One child process measured with `wait4`: wall and CPU (user + system) seconds, peak RSS, its stdout.
struct ChildMeasurement {
    var status: Int32
    var wall: Double
    var cpu: Double
    var peakRSSMiB: Int
    var output: String

    /// - Parameter keepOutput: keep the child's stdout (a few lines) in `output`; otherwise it goes to
    ///   /dev/null, as a floor command's should.
    static func run(_ path: String, _ arguments: [String], keepOutput: Bool = true) throws -> ChildMeasurement {
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("bench-child-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outURL) }
        let sink = keepOutput ? outURL.path : "/dev/null"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, sink, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(path): error \(spawned)") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let output = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        return ChildMeasurement(status: (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F), wall: wall,
                                cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime), peakRSSMiB: usage.ru_maxrss / 1024,
                                output: output)
    }
}


/// The paired runs every conversion benchmark makes: `pairs` times the floor, then the conversion, one line
/// per pair; then the medians with their spread (the machine's speed drifts, so only paired ratios count).
/// The first conversion's own output (phase times, counts) is printed once.
func runPairedBenchmark(pairs: Int, floorName: String, target: String = "",
                        floor: () throws -> ChildMeasurement, conversion: () throws -> ChildMeasurement) throws {
    var walls: [Double] = [], wallRatios: [Double] = [], cpuRatios: [Double] = [], peaks: [Int] = []
    for pair in 1...max(1, pairs) {
        let base = try floor()
        guard base.status == 0 else { throw BenchmarkFailure("\(floorName) failed with status \(base.status): \(base.output)") }
        let run = try conversion()
        guard run.status == 0 else { throw BenchmarkFailure("conversion failed: \(run.output)") }
        if pair == 1 { print(run.output, terminator: "") }
        let wallRatio = run.wall / max(base.wall, 0.001), cpuRatio = run.cpu / max(base.cpu, 0.001)
        walls.append(run.wall)
        wallRatios.append(wallRatio)
        cpuRatios.append(cpuRatio)
        peaks.append(run.peakRSSMiB)
        print(String(format: "pair %d: %@ %.2f s wall %.2f s CPU | convert %.2f s wall %.2f s CPU, peak RSS %d MiB | %.2f× wall %.2f× CPU",
                     pair, floorName, base.wall, base.cpu, run.wall, run.cpu, run.peakRSSMiB, wallRatio, cpuRatio))
    }
    print(String(format: "median of %d pairs: convert %.2f s (spread %.2f–%.2f), %.2f× %@ wall (spread %.2f–%.2f), %.2f× CPU (spread %.2f–%.2f), peak RSS %d MiB (max %d)%@",
                 walls.count, median(walls), walls.min()!, walls.max()!, median(wallRatios), floorName,
                 wallRatios.min()!, wallRatios.max()!, median(cpuRatios), cpuRatios.min()!, cpuRatios.max()!,
                 Int(median(peaks.map(Double.init))), peaks.max()!, target.isEmpty ? "" : "; target \(target)"))
}

/// Prints a finished conversion phase with its wall time and the child's resident and peak memory
/// then (from /proc/self/status), so a benchmark shows which phase grows with the input.
func printPhase(_ phase: String, _ seconds: Double) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    func kibibytes(_ field: String) -> Int {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }
    print(String(format: "  %@: %.2f s, RSS %d MiB, peak %d MiB", phase, seconds, kibibytes("VmRSS") / 1024, kibibytes("VmHWM") / 1024))
}
