import Foundation
import MigrationCore

/// Reads and decodes day files on a background thread while the caller converts the previous ones, so
/// inflating + JSON decoding (one core) overlaps conversion + staging (the other). Files come out in the
/// order they were given; at most `maxPendingBytes` of decoded input waits in the queue, so memory stays
/// flat however large the export.
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
    private let jobs: [Job]
    private let maxPendingBytes: UInt64
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var ready: [(Job, Outcome, UInt64)] = []
    private var pendingBytes: UInt64 = 0
    private var producedAll = false
    private var cancelled = false
    private var thread: Thread?

    private let knownUsers: KnownUsers

    init(archive: SourceArchive, jobs: [Job], knownUsers: KnownUsers, maxPendingBytes: UInt64 = 24 << 20) {
        self.archive = archive
        self.knownUsers = knownUsers
        self.jobs = jobs
        self.maxPendingBytes = maxPendingBytes
    }

    func start() {
        let thread = Thread { [self] in produce() }
        thread.name = "slack-day-file-decoder"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// The next decoded day file in input order, or `nil` when all have been handed out.
    func next() -> (Job, Outcome)? {
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !producedAll { condition.wait() }
        guard !ready.isEmpty else { return nil }
        let (job, outcome, size) = ready.removeFirst()
        pendingBytes -= size
        condition.broadcast()
        return (job, outcome)
    }

    /// Stops the producer (after an error on the consuming side).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    private func produce() {
        let reader = archive.makeIndependentReader()
        let decoder = JSONDecoder()
        decoder.userInfo[.slackKnownUsers] = knownUsers
        for job in jobs {
            let size = max(job.entry.uncompressedSize, 1)
            condition.lock()
            while !cancelled && pendingBytes > 0 && pendingBytes + size > maxPendingBytes { condition.wait() }
            let stop = cancelled
            condition.unlock()
            if stop { break }
            let outcome: Outcome = autoreleasepool {
                do {
                    let data = try reader.readAll(job.entry)
                    if data.isEmpty || data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
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
            condition.lock()
            ready.append((job, outcome, size))
            pendingBytes += size
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        producedAll = true
        condition.broadcast()
        condition.unlock()
    }
}

#if !canImport(ObjectiveC)
/// Linux has no autorelease pools; keeps the call sites portable.
@inline(__always) func autoreleasepool<T>(invoking body: () throws -> T) rethrows -> T { try body() }
#endif
