import Foundation

/// Reads and decodes archive entries on background threads while the caller consumes the previous
/// ones, so inflating + parsing (the expensive part of every reader) runs on every core alongside
/// conversion + staging. Results come out in the order the jobs were given, whatever order the workers
/// finish in; at most `maxPendingBytes` of input is decoded ahead of the consumer, and jobs are pulled
/// from `nextJob` only as they start, so memory stays flat however many entries an export has.
public final class OrderedDecodePipeline<Output>: @unchecked Sendable {
    /// One entry to decode; `tag` is the caller's (e.g. which conversation the entry belongs to).
    public struct Job: Sendable {
        public var tag: Int
        public var entry: SourceArchive.Entry

        public init(tag: Int, entry: SourceArchive.Entry) {
            self.tag = tag
            self.entry = entry
        }
    }

    /// Decodes one entry, reading it through the worker's own `reader` (archive readers are not shared).
    public typealias Decode = (_ entry: SourceArchive.Entry, _ reader: SourceArchive) throws -> Output

    private let archive: SourceArchive
    private let maxPendingBytes: UInt64
    private let workers: Int
    private let makeDecoder: @Sendable () -> Decode
    private let condition = NSCondition()
    // Guarded by `condition`.
    private let nextJob: () throws -> Job?
    private var listingError: Error?
    private var upcoming: Job?
    private var exhausted = false
    private var started: [Int: Job] = [:]
    private var finished: [Int: Result<Output, Error>] = [:]
    private var nextToStart = 0
    private var nextToHandOut = 0
    private var bytesAhead: UInt64 = 0
    private var cancelled = false

    /// - Parameters:
    ///   - makeDecoder: called once per worker thread, so a decoder may keep reusable buffers.
    ///   - maxPendingBytes: input bytes (uncompressed entry sizes) decoded ahead of the consumer.
    ///   - nextJob: the next entry to decode (`nil`: no more); called under the pipeline's lock, one call
    ///     at a time. An error ends the listing and is thrown by `next()` once the jobs before it are out.
    public init(archive: SourceArchive, nextJob: @escaping () throws -> Job?, maxPendingBytes: UInt64 = 6 << 20,
                workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount),
                makeDecoder: @escaping @Sendable () -> Decode) {
        self.archive = archive
        self.nextJob = nextJob
        self.maxPendingBytes = maxPendingBytes
        self.workers = workers
        self.makeDecoder = makeDecoder
    }

    public func start() {
        for index in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.name = "decoder-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The next decoded entry in input order, or `nil` when all have been handed out; throws the
    /// listing's error, if any, after the entries listed before it.
    public func next() throws -> (Job, Result<Output, Error>)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let outcome = finished.removeValue(forKey: nextToHandOut) {
                let job = started.removeValue(forKey: nextToHandOut)!
                nextToHandOut += 1
                bytesAhead -= Self.cost(job)
                condition.broadcast()
                return (job, outcome)
            }
            if nextToHandOut == nextToStart && peekJob() == nil {
                if let listingError { throw listingError }
                return nil
            }
            condition.wait()
        }
    }

    /// Stops the workers (after an error on the consuming side).
    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next job to start, pulled from `jobs` once (call with the lock held).
    private func peekJob() -> Job? {
        if upcoming == nil && !exhausted {
            do {
                upcoming = try nextJob()
            } catch {
                listingError = error
            }
            exhausted = upcoming == nil
        }
        return upcoming
    }

    private static func cost(_ job: Job) -> UInt64 { max(job.entry.uncompressedSize, 1) }

    private func work() {
        let reader = archive.makeIndependentReader()
        let decode = makeDecoder()
        while true {
            condition.lock()
            var next: Job?
            while !cancelled, let job = peekJob() {
                // The entry the consumer waits for always starts, so the budget can never deadlock.
                if nextToStart > nextToHandOut, bytesAhead + Self.cost(job) > maxPendingBytes {
                    condition.wait()
                    continue
                }
                next = job
                break
            }
            guard !cancelled, let job = next else {
                condition.unlock()
                return
            }
            let index = nextToStart
            nextToStart += 1
            upcoming = nil
            started[index] = job
            bytesAhead += Self.cost(job)
            condition.unlock()

            let outcome = Result { try decode(job.entry, reader) }

            condition.lock()
            finished[index] = outcome
            condition.broadcast()
            condition.unlock()
        }
    }
}
