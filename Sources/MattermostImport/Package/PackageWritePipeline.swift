import Foundation

/// A fixed-size byte buffer filled by the caller thread and read by the writer thread. Several small
/// entries share one chunk: the caller hands over byte ranges as entries end and keeps filling the rest;
/// the writer recycles the chunk after the range marked `recycle`. Ranges never overlap, and the pipeline's
/// lock orders the caller's writes before the writer's reads.
final class PackageChunk: @unchecked Sendable {
    static let capacity = 1 << 20
    let base: UnsafeMutableRawPointer
    /// Bytes filled by the caller.
    var count = 0
    /// Bytes already handed to the writer (`≤ count`).
    var handedOver = 0

    init() { base = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 64) }
    deinit { base.deallocate() }

    var free: Int { Self.capacity - count }
}

/// What the caller asks the writer thread to do, in order.
enum PackageWriteCommand: @unchecked Sendable {
    case beginEntry(name: [UInt8], method: ZipRecordLayout.Method)
    /// Bytes `offset..<offset+count` of `chunk` belong to the current entry; `recycle`: last use of the chunk.
    case data(PackageChunk, offset: Int, count: Int, recycle: Bool)
    case endEntry(crc: UInt32, uncompressedSize: UInt64)
    case finish
    /// Stop without writing the central directory (the caller deletes the file).
    case abort
}

/// A bounded hand-off between the caller and the writer thread: at most `chunkCount` chunks exist, so
/// memory stays flat however much is written; the caller blocks when the writer falls behind. Commands are
/// published in batches (a full chunk, 256 commands, or before waiting) so that small entries do not cost a
/// thread wake-up each.
final class PackageWritePipeline: @unchecked Sendable {
    private static let batchSize = 256
    private let condition = NSCondition()
    private var published: [PackageWriteCommand] = []
    private var outgoing: [PackageWriteCommand] = []  // caller thread only
    private var freeChunks: [PackageChunk]
    private var failure: ArchiveError?
    private var writerDone = false

    init(chunkCount: Int) {
        freeChunks = (0..<chunkCount).map { _ in PackageChunk() }
    }

    // MARK: Caller side

    /// An empty chunk to fill; publishes pending commands and waits for the writer to return one.
    func takeFreeChunk() -> PackageChunk {
        condition.lock()
        defer { condition.unlock() }
        publishLocked()
        while freeChunks.isEmpty { condition.wait() }
        let chunk = freeChunks.removeLast()
        chunk.count = 0
        chunk.handedOver = 0
        return chunk
    }

    /// Queues a command; it reaches the writer with the next batch.
    func send(_ command: PackageWriteCommand, publishNow: Bool = false) {
        outgoing.append(command)
        if publishNow || outgoing.count >= Self.batchSize { publish() }
    }

    func publish() {
        condition.lock()
        publishLocked()
        condition.unlock()
    }

    private func publishLocked() {
        guard !outgoing.isEmpty else { return }
        published.append(contentsOf: outgoing)
        outgoing.removeAll(keepingCapacity: true)
        condition.broadcast()
    }

    /// The writer thread's error, if it failed.
    var writerFailure: ArchiveError? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Publishes pending commands and waits until the writer thread has processed `.finish`/`.abort`.
    func waitUntilWriterDone() -> ArchiveError? {
        condition.lock()
        defer { condition.unlock() }
        publishLocked()
        while !writerDone { condition.wait() }
        return failure
    }

    // MARK: Writer side

    /// The next batch of commands, waiting for one if none is published.
    func nextCommands(reusing buffer: inout [PackageWriteCommand]) {
        buffer.removeAll(keepingCapacity: true)
        condition.lock()
        defer { condition.unlock() }
        while published.isEmpty { condition.wait() }
        swap(&buffer, &published)
    }

    func recycle(_ chunk: PackageChunk) {
        condition.lock()
        freeChunks.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    func recordFailure(_ error: ArchiveError) {
        condition.lock()
        if failure == nil { failure = error }
        condition.unlock()
    }

    func markWriterDone() {
        condition.lock()
        writerDone = true
        condition.broadcast()
        condition.unlock()
    }
}
