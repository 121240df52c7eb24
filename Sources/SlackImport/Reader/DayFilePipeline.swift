import Foundation
import MigrationCore

/// Reads and decodes day files on background threads while the caller converts the previous ones, so
/// inflating + JSON decoding (the expensive part) runs on every core alongside conversion + staging.
/// Files come out in the order they were given, whatever order the workers finish in; at most
/// `maxPendingBytes` of input is decoded ahead of the consumer, and jobs are pulled from `jobs` only as
/// they start, so memory stays flat however many day files the export has.
final class DayFilePipeline: @unchecked Sendable {
    struct Job: Sendable {
        var conversation: Int
        var entry: SourceArchive.Entry
    }

    enum Outcome {
        case messages([SlackMessage])
        case failed(Error)
    }

    private let archive: SourceArchive
    private let maxPendingBytes: UInt64
    private let workers: Int
    private let knownUsers: KnownUsers
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var jobs: any IteratorProtocol<Job>
    private var upcoming: Job?
    private var exhausted = false
    private var started: [Int: Job] = [:]
    private var finished: [Int: Outcome] = [:]
    private var nextToStart = 0
    private var nextToHandOut = 0
    private var bytesAhead: UInt64 = 0
    private var cancelled = false

    init(archive: SourceArchive, jobs: any IteratorProtocol<Job>, knownUsers: KnownUsers, maxPendingBytes: UInt64 = 6 << 20,
         workers: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)) {
        self.archive = archive
        self.jobs = jobs
        self.knownUsers = knownUsers
        self.maxPendingBytes = maxPendingBytes
        self.workers = workers
    }

    func start() {
        for index in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.name = "slack-decoder-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The next decoded day file in input order, or `nil` when all have been handed out.
    func next() -> (Job, Outcome)? {
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
            if nextToHandOut == nextToStart && peekJob() == nil { return nil }
            condition.wait()
        }
    }

    /// The next job to start, pulled from `jobs` once (call with the lock held).
    private func peekJob() -> Job? {
        if upcoming == nil && !exhausted {
            upcoming = jobs.next()
            exhausted = upcoming == nil
        }
        return upcoming
    }

    /// Stops the workers (after an error on the consuming side).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private static func cost(_ job: Job) -> UInt64 { max(job.entry.uncompressedSize, 1) }

    private func work() {
        let reader = archive.makeIndependentReader()
        let decoder = JSONDecoder()
        decoder.userInfo[.slackKnownUsers] = knownUsers
        while true {
            condition.lock()
            var next: Job?
            while !cancelled, let job = peekJob() {
                // The file the consumer waits for always starts, so the budget can never deadlock.
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

            let outcome = decode(job, reader: reader, decoder: decoder)

            condition.lock()
            finished[index] = outcome
            condition.broadcast()
            condition.unlock()
        }
    }

    private func decode(_ job: Job, reader: SourceArchive, decoder: JSONDecoder) -> Outcome {
        autoreleasepool {
            do {
                let data = try reader.readAll(job.entry)
                if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                    return .messages([])
                }
                do {
                    return .messages(try decoder.decode([SlackMessage].self, from: data))
                } catch let error as DecodingError {
                    return .failed(SlackImportError.malformedJSON(
                        archive: archive.url.lastPathComponent, entry: job.entry.storedName,
                        offset: SlackJSONDecoding.syntaxErrorOffset(data), detail: SlackJSONDecoding.describe(error)))
                }
            } catch {
                return .failed(error)
            }
        }
    }
}

/// Day files of the conversations in order, listed a page at a time (never all at once, even for a
/// channel with 100,000 days).
struct DayFileJobs: IteratorProtocol {
    let archive: SourceArchive
    let folders: [String]
    private var conversation = -1
    private var files: SlackExportLayout.DayFilePages?

    init(archive: SourceArchive, folders: [String]) {
        self.archive = archive
        self.folders = folders
    }

    mutating func next() -> DayFilePipeline.Job? {
        while true {
            if let entry = files?.next() { return DayFilePipeline.Job(conversation: conversation, entry: entry) }
            conversation += 1
            guard conversation < folders.count else { return nil }
            files = SlackExportLayout.DayFilePages(archive: archive, folder: folders[conversation])
        }
    }
}

#if !canImport(ObjectiveC)
/// Linux has no autorelease pools; keeps the call sites portable.
@inline(__always) func autoreleasepool<T>(invoking body: () throws -> T) rethrows -> T { try body() }
#endif
