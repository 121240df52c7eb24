import Foundation

/// A fixed-size byte buffer handed between the caller thread (fills it) and the writer thread (compresses
/// and writes it). Owned by exactly one side at a time, which the pipeline's lock guarantees.
final class PackageChunk: @unchecked Sendable {
    static let capacity = 1 << 20
    let base: UnsafeMutableRawPointer
    var count = 0

    init() { base = UnsafeMutableRawPointer.allocate(byteCount: Self.capacity, alignment: 64) }
    deinit { base.deallocate() }

    var free: Int { Self.capacity - count }
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }
}

/// What the caller asks the writer thread to do, in order.
enum PackageWriteCommand: @unchecked Sendable {
    case beginEntry(name: [UInt8], method: ZipRecordLayout.Method)
    case data(PackageChunk)
    case endEntry(crc: UInt32, uncompressedSize: UInt64)
    case finish
    /// Stop without writing the central directory (the caller deletes the file).
    case abort
}

/// A bounded hand-off between the caller and the writer thread: at most `chunkCount` chunks exist, so
/// memory stays flat however much is written; the caller blocks when the writer falls behind.
final class PackageWritePipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var commands: [PackageWriteCommand] = []
    private var commandHead = 0
    private var freeChunks: [PackageChunk]
    private var failure: ImportPackageError?
    private var writerDone = false

    init(chunkCount: Int) {
        freeChunks = (0..<chunkCount).map { _ in PackageChunk() }
    }

    // MARK: Caller side

    /// An empty chunk to fill; waits for the writer to return one.
    func takeFreeChunk() -> PackageChunk {
        condition.lock()
        defer { condition.unlock() }
        while freeChunks.isEmpty { condition.wait() }
        let chunk = freeChunks.removeLast()
        chunk.count = 0
        return chunk
    }

    /// Gives back a chunk that was never sent.
    func returnUnused(_ chunk: PackageChunk) {
        condition.lock()
        freeChunks.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    func send(_ command: PackageWriteCommand) {
        condition.lock()
        commands.append(command)
        condition.broadcast()
        condition.unlock()
    }

    /// The writer thread's error, if it failed.
    var writerFailure: ImportPackageError? {
        condition.lock()
        defer { condition.unlock() }
        return failure
    }

    /// Waits until the writer thread has processed `.finish` (or stopped after a failure).
    func waitUntilWriterDone() -> ImportPackageError? {
        condition.lock()
        defer { condition.unlock() }
        while !writerDone { condition.wait() }
        return failure
    }

    // MARK: Writer side

    func nextCommand() -> PackageWriteCommand {
        condition.lock()
        defer { condition.unlock() }
        while commandHead == commands.count { condition.wait() }
        let command = commands[commandHead]
        commandHead += 1
        if commandHead > 64, commandHead * 2 > commands.count {
            commands.removeFirst(commandHead)
            commandHead = 0
        }
        return command
    }

    func recycle(_ chunk: PackageChunk) {
        condition.lock()
        freeChunks.append(chunk)
        condition.broadcast()
        condition.unlock()
    }

    func recordFailure(_ error: ImportPackageError) {
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
