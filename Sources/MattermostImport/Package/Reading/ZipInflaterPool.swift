import CCompressZlib
import Foundation

/// A raw-deflate zlib stream with its input and output buffers, reset between entries instead of set
/// up anew: a Slack export is some 100,000 small day files, and per entry zlib's state, its 32 KiB
/// window and two 64 KiB buffers cost as much as inflating the entry.
final class ZipInflater {
    let stream: UnsafeMutablePointer<z_stream>
    let input: UnsafeMutableRawBufferPointer
    let output: UnsafeMutableRawBufferPointer
    private var isReady = false

    init() {
        // z_stream must not move while zlib holds pointers into it.
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(byteCount: ZipEntryReader.inputChunk, alignment: 16)
        output = .allocate(byteCount: ZipEntryReader.outputChunk, alignment: 16)
    }

    deinit {
        if isReady { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
        input.deallocate()
        output.deallocate()
    }

    /// Readies the stream for a new entry; `false` if zlib cannot be set up.
    func start() -> Bool {
        // inflateReset leaves the input pointers alone: the last entry's unread bytes must not count.
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        if isReady {
            if inflateReset(stream) == Z_OK { return true }
            inflateEnd(stream)
            isReady = false
        }
        isReady = CCompressZlib_inflateInit2(stream, -15) == Z_OK
        return isReady
    }
}

/// Inflaters lent to the threads reading entries, a few kept for reuse (one per reading thread).
enum ZipInflaterPool {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var idle: [ZipInflater] = []
    private static let kept = 8

    static func withInflater<T>(_ body: (ZipInflater) throws -> T) rethrows -> T {
        lock.lock()
        let inflater = idle.popLast() ?? ZipInflater()
        lock.unlock()
        defer {
            lock.lock()
            if idle.count < kept { idle.append(inflater) }
            lock.unlock()
        }
        return try body(inflater)
    }
}
