import Foundation

/// Overlaps reading with checking on two cores: a reader thread inflates/reads the JSONL, splits it
/// into lines and parses them (`ParsedLine`); the calling thread applies the parsed lines to the
/// checker in order. A bounded queue of small batches keeps memory flat.
final class ParsingPipeline: @unchecked Sendable {
    /// Reads the input and hands each chunk to `consume`, in order.
    typealias ChunkReader = @Sendable (_ consume: (Data) -> Void) throws -> Void

    private struct Batch {
        let firstLine: Int
        var lines: [ParsedLine]
    }

    static let linesPerBatch = 2_048
    static let maxQueuedBatches = 4

    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var readerDone = false
    private var readerError: (any Error)?

    /// Runs `read` on a reader thread and applies every line to `checker`; rethrows the reader's error.
    static func run(_ read: @escaping ChunkReader, into checker: LineChecker) throws {
        let pipeline = ParsingPipeline()
        let thread = Thread { pipeline.readAll(read) }
        thread.stackSize = 8 << 20
        thread.start()
        while let batch = pipeline.next() {
            for (offset, line) in batch.lines.enumerated() {
                checker.apply(line, number: batch.firstLine + offset)
            }
        }
        if let error = pipeline.readerError { throw error }
    }

    private func readAll(_ read: ChunkReader) {
        var splitter = LineSplitter()
        var parser = JSONParser.Reusable()
        var batch = Batch(firstLine: 1, lines: [])
        batch.lines.reserveCapacity(Self.linesPerBatch)
        func add(_ line: ParsedLine, _ number: Int) {
            if batch.lines.isEmpty { batch = Batch(firstLine: number, lines: batch.lines) }
            batch.lines.append(line)
            if batch.lines.count == Self.linesPerBatch {
                push(batch)
                batch.lines = []
                batch.lines.reserveCapacity(Self.linesPerBatch)
            }
        }
        var failure: (any Error)?
        do {
            try read { data in
                data.withUnsafeBytes { raw in
                    splitter.feed(raw, line: { add(ParsedLine($0, number: $1, parser: &parser), $1) }, tooLong: { add(.tooLong, $0) })
                }
            }
            splitter.finish(line: { add(ParsedLine($0, number: $1, parser: &parser), $1) })
        } catch {
            failure = error
        }
        if !batch.lines.isEmpty { push(batch) }
        condition.lock()
        readerError = failure
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    private func push(_ batch: Batch) {
        condition.lock()
        while queue.count >= Self.maxQueuedBatches { condition.wait() }
        queue.append(batch)
        condition.broadcast()
        condition.unlock()
    }

    private func next() -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !readerDone { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let batch = queue.removeFirst()
        condition.broadcast()
        return batch
    }
}

/// Hands a value that is only ever used by one thread at a time to another thread.
struct ThreadHandoff<Value>: @unchecked Sendable {
    let value: Value
}
