import Foundation

/// A one-line progress display on stderr, shown only when stderr is a terminal and `--quiet` is not
/// given, so logs and pipes stay clean. Redraws at most ten times a second.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let lock = NSLock()
    private var lastDraw = Date.distantPast
    private var lastPhase = ""

    init(quiet: Bool) {
        enabled = !quiet && isatty(STDERR_FILENO) != 0
    }

    /// Shows `phase` with `done` of `total` (total 0: a counter without a bar); `bytes` shows the
    /// amounts in MiB.
    func update(_ phase: String, done: Int, total: Int, bytes: Bool = false) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard phase != lastPhase || done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        if phase != lastPhase, !lastPhase.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        lastPhase = phase
        let amount = { (value: Int) in bytes ? String(format: "%.1f MiB", Double(value) / 1_048_576) : String(value) }
        var line = "\r\(phase): \(amount(done))"
        if total > 0 {
            let width = 30
            let filled = min(width, done * width / max(total, 1))
            line = "\r\(phase) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(amount(done))/\(amount(total))"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// Writes a log line to stderr (always), first clearing a progress line that is showing.
    func message(_ line: String) {
        lock.lock()
        defer { lock.unlock() }
        let clear = enabled && !lastPhase.isEmpty ? "\r\u{1B}[K" : ""
        FileHandle.standardError.write(Data((clear + line + "\n").utf8))
        lastPhase = ""
    }

    /// Ends the display line.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, !lastPhase.isEmpty else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        lastPhase = ""
    }
}
