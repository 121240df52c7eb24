import Foundation

/// A bounded hand-over of COPY buffers from the task that reads MySQL and converts to the task that
/// writes them to psql, so converting goes on while psql takes the previous buffers (the 2 cores
/// overlap) and memory stays bounded (`capacity` buffers waiting at most). One sender, one reader.
final class CopyBufferQueue: @unchecked Sendable {
    private let lock = NSLock()
    private let capacity: Int
    private var buffers: [[UInt8]] = []
    private var finished = false
    private var closed = false
    private var waitingReader: CheckedContinuation<[UInt8]?, Never>?
    private var waitingSender: CheckedContinuation<Void, Never>?

    init(capacity: Int) { self.capacity = capacity }

    /// Queues a buffer, waiting while `capacity` are queued; throws once the reader gave up (`close`).
    func send(_ buffer: [UInt8]) async throws {
        while try !offer(buffer) {
            await withCheckedContinuation { continuation in waitForRoom(continuation) }
        }
    }

    /// No more buffers: the reader gets nil once the queued ones are taken.
    func finish() {
        let reader: CheckedContinuation<[UInt8]?, Never>? = lock.withLock {
            finished = true
            defer { waitingReader = nil }
            return buffers.isEmpty ? waitingReader : nil
        }
        reader?.resume(returning: nil)
    }

    /// The reader stops taking buffers (the writing failed): a waiting or later `send` throws.
    func close() {
        let sender: CheckedContinuation<Void, Never>? = lock.withLock {
            closed = true
            buffers.removeAll()
            defer { waitingSender = nil }
            return waitingSender
        }
        sender?.resume()
    }

    /// The next buffer, or nil after `finish` when all were taken.
    func next() async -> [UInt8]? {
        await withCheckedContinuation { continuation in take(continuation) }
    }

    // The locked steps, synchronous so no lock is held across a suspension.

    /// True when the buffer was handed over or queued; false when full. Throws when closed.
    private func offer(_ buffer: [UInt8]) throws -> Bool {
        let (accepted, reader): (Bool, CheckedContinuation<[UInt8]?, Never>?) = try lock.withLock {
            if closed { throw CancellationError() }
            if let reader = waitingReader {
                waitingReader = nil
                return (true, reader)
            }
            guard buffers.count < capacity else { return (false, nil) }
            buffers.append(buffer)
            return (true, nil)
        }
        reader?.resume(returning: buffer)
        return accepted
    }

    private func waitForRoom(_ continuation: CheckedContinuation<Void, Never>) {
        let wait = lock.withLock {
            guard !closed, buffers.count >= capacity else { return false }
            waitingSender = continuation
            return true
        }
        if !wait { continuation.resume() }
    }

    private func take(_ continuation: CheckedContinuation<[UInt8]?, Never>) {
        enum Step { case buffer([UInt8], CheckedContinuation<Void, Never>?), end, wait }
        let step: Step = lock.withLock {
            if !buffers.isEmpty {
                defer { waitingSender = nil }
                return .buffer(buffers.removeFirst(), waitingSender)
            }
            if finished { return .end }
            waitingReader = continuation
            return .wait
        }
        switch step {
        case .buffer(let buffer, let sender):
            sender?.resume()
            continuation.resume(returning: buffer)
        case .end:
            continuation.resume(returning: nil)
        case .wait:
            break
        }
    }
}
