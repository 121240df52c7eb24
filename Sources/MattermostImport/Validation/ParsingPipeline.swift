import Foundation

/// Overlaps reading with checking on two cores: a reader thread inflates/reads the JSONL, splits it
/// into lines and parses them (`ParsedLine`); the calling thread applies the parsed lines to the
/// checker in order. A bounded queue of small batches keeps memory flat. The reader parses and
/// type-checks, the checker applies the rules and frees the parsed lines: measured, that splits the
/// work about evenly (freeing on the reader made it the slower side).
final class ParsingPipeline: @unchecked Sendable {
    /// Reads the input and hands each chunk to `consume`, in order.
    typealias ChunkReader = @Sendable (_ consume: (UnsafeRawBufferPointer) -> Void) throws -> Void

    /// Parsed lines with their numbers (a blank run takes one slot for many lines).
    private typealias Batch = [(number: Int, line: ParsedLine)]

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
            for entry in batch { checker.apply(entry.line, number: entry.number) }
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
