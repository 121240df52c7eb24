import Foundation
import MattermostImport

/// Encodes import lines as JSON and appends them to `import.jsonl` on a thread of its own, so the
/// exporter's thread only reads the staging database and builds lines. Encoding was a third of that
/// thread's time while the zip writer's thread left the second core half idle.
///
/// Lines go over in order, in batches, through a queue bounded by their approximate size (a thread
/// with ten thousand replies is one line), so memory stays flat. Encoded batches come back to the
/// caller's thread to be freed there: glibc frees another thread's memory under that arena's lock.
/// Only this object touches `output` between `init` and the end of `finish()` or `cancel()`.
final class ImportLineEncoder: @unchecked Sendable {
    private let output: ImportPackageWriter
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [[ImportLine]] = []
    private var bytesQueued = 0
    private var queuedSizes: [Int] = []
    private var returned: [[ImportLine]] = []
    private var closed = false
    private var cancelled = false
    private var threadDone = false
    private var failure: Error?
    // The caller's.
    private var batch: [ImportLine] = []
    private var batchBytes = 0

    /// Lines handed over at once (fewer lock round trips), and the most bytes queued ahead.
    private static let batchBytesLimit = 64 << 10
    private static let maxBytesAhead = 4 << 20

    init(output: ImportPackageWriter) {
        self.output = output
        let thread = Thread { [self] in run() }
        thread.name = "jsonl-encoder"
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues `line`, which holds about `approximateBytes` (a post line: its texts plus a share per
    /// post); throws the encoding thread's first error (e.g. the disk is full).
    func emit(_ line: ImportLine, approximateBytes: Int = 1024) throws {
        batchBytes += approximateBytes
        batch.append(line)
        if batchBytes >= Self.batchBytesLimit { try send() }
    }

    /// Writes the lines still queued and stops the thread; throws its first error.
    func finish() throws {
        try send()
        condition.lock()
        closed = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        let failure = self.failure
        returned = []
        condition.unlock()
        if let failure { throw failure }
    }

    /// Drops the lines not yet written and waits for the thread to stop (the export failed).
    func cancel() {
        condition.lock()
        cancelled = true
        closed = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        queue = []
        returned = []
        condition.unlock()
        batch = []
    }

    private func send() throws {
        guard !batch.isEmpty else { return }
        condition.lock()
        while bytesQueued > 0, bytesQueued + batchBytes > Self.maxBytesAhead, failure == nil { condition.wait() }
        if let failure {
            condition.unlock()
            throw failure
        }
        queue.append(batch)
        queuedSizes.append(batchBytes)
        bytesQueued += batchBytes
        var spent = returned
        returned = []
        condition.broadcast()
        condition.unlock()
        // Freed here, outside the lock; one array's capacity is kept for the next batch.
        batch = spent.popLast() ?? []
        batch.removeAll(keepingCapacity: true)
        batchBytes = 0
    }

    private func run() {
        var writer = JSONWriter(reservingCapacity: 4096)
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            guard !queue.isEmpty, !cancelled else {
                threadDone = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let lines = queue.removeFirst()
            let size = queuedSizes.removeFirst()
            let failed = failure != nil
            condition.unlock()
            var error: Error?
            if !failed {
                do {
                    for line in lines {
                        writer.reset()
                        line.write(to: &writer)
                        try output.writeJSONLLine(writer.bytes)
                    }
                } catch let thrown {
                    error = thrown
                }
            }
            condition.lock()
            bytesQueued -= size
            if let error, failure == nil { failure = error }
            returned.append(lines)
            condition.broadcast()
            condition.unlock()
        }
    }
}
