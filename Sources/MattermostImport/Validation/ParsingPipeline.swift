import Foundation

/// Overlaps reading with checking on two cores: a reader thread inflates/reads the JSONL, splits it
/// into lines and parses them (`ParsedLine`); the calling thread applies the parsed lines to the
/// checker in order. A bounded queue of small batches keeps memory flat. Applied batches go back to the
/// reader thread to be freed: freeing on the checker took the allocator's lock of the reader's arena
/// for every node (measured: a third more CPU), and it evens the two threads' work.
final class ParsingPipeline: @unchecked Sendable {
    /// Reads the input and hands each chunk to `consume`, in order.
    typealias ChunkReader = @Sendable (_ consume: (UnsafeRawBufferPointer) -> Void) throws -> Void

    /// Parsed lines with their numbers (a blank run takes one slot for many lines).
    private typealias Batch = [(number: Int, line: ParsedLine)]

    static let linesPerBatch = 2_048
    static let maxQueuedBatches = 4

    private let condition = NSCondition()
    private var queue: [Batch] = []
    /// Batches the checker is done with, freed by the reader thread on its next push.
    private var applied: [Batch] = []
    private var readerDone = false
    private var readerError: (any Error)?

    /// Runs `read` on a reader thread and applies every line to `checker`; rethrows the reader's error.
    static func run(_ read: @escaping ChunkReader, into checker: LineChecker) throws {
        let pipeline = ParsingPipeline()
        let thread = Thread { pipeline.readAll(read) }
        thread.stackSize = 8 << 20
        thread.start()
        while let batch = pipeline.next() {
            for entry in batch { checker.apply(entry.line, number: entry.number) }
            pipeline.giveBack(batch)
        }
        if let error = pipeline.readerError { throw error }
    }

    /// The reader thread's end of the splitter: parses each line and queues it in batches.
    private struct BatchingSink: LineSink {
        let pipeline: ParsingPipeline
        var parser = JSONParser.Reusable()
        var batch: Batch = []

        init(pipeline: ParsingPipeline) {
            self.pipeline = pipeline
            batch.reserveCapacity(ParsingPipeline.linesPerBatch)
        }

        mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
            add(ParsedLine(bytes, number: number, parser: &parser), number)
        }

        mutating func blankLines(from first: Int, count: Int) { add(.blank(count: count), first) }

        mutating func tooLong(number: Int) { add(.tooLong, number) }

        mutating func add(_ line: ParsedLine, _ number: Int) {
            batch.append((number, line))
            if batch.count == ParsingPipeline.linesPerBatch { flush() }
        }

        mutating func flush() {
            guard !batch.isEmpty else { return }
            pipeline.push(batch)
            batch = []
            batch.reserveCapacity(ParsingPipeline.linesPerBatch)
        }
    }

    private func readAll(_ read: ChunkReader) {
        var splitter = LineSplitter()
        var sink = BatchingSink(pipeline: self)
        var failure: (any Error)?
        do {
            try read { chunk in splitter.feed(chunk, into: &sink) }
            splitter.finish(into: &sink)
        } catch {
            failure = error
        }
        sink.flush()
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
        let done = applied
        applied = []
        condition.broadcast()
        condition.unlock()
        withExtendedLifetime(done) {}  // freed here, on the reader thread, outside the lock
    }

    private func giveBack(_ batch: consuming Batch) {
        condition.lock()
        applied.append(batch)
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
