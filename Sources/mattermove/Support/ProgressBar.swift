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

    /// Shows `phase` with `done` of `total` (total 0: a counter without a bar).
    func update(_ phase: String, done: Int, total: Int) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard phase != lastPhase || done == total || now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        if phase != lastPhase, !lastPhase.isEmpty { FileHandle.standardError.write(Data("\n".utf8)) }
        lastPhase = phase
        var line = "\r\(phase): \(done)"
        if total > 0 {
            let width = 30
            let filled = min(width, done * width / max(total, 1))
            line = "\r\(phase) [" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)"
        }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    /// Ends the display line.
    func finish() {
        guard enabled, !lastPhase.isEmpty else { return }
        FileHandle.standardError.write(Data("\n".utf8))
        lastPhase = ""
    }
}
