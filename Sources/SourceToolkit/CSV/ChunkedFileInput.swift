import Foundation

/// A file read in fixed-size chunks into one reused buffer: what keeps memory flat whatever the size
/// of a CSV or JSON Lines file. The consumer reads `buffer[position..<count]`, advances `position`,
/// and calls `refill()` when it needs more bytes; bytes before `keepFrom` are dropped on a refill.
public final class ChunkedFileInput {
    public let path: String
    private let descriptor: Int32
    public private(set) var buffer: UnsafeMutableRawBufferPointer
    /// Bytes valid in `buffer`.
    public private(set) var count = 0
    /// Bytes of the file consumed before `buffer[0]` (for offsets in messages).
    public private(set) var consumedBefore: Int64 = 0
    public private(set) var atEnd = false

    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw CSVSourceError(file: path, reason: "cannot be opened (\(String(cString: strerror(errno))))")
        }
        buffer = .allocate(byteCount: chunkSize, alignment: 16)
    }

    deinit {
        close(descriptor)
        buffer.deallocate()
    }

    /// Moves `buffer[keepFrom..<count]` to the front, reads more after it and returns the new index of
    /// what was at `keepFrom` (always 0). Grows the buffer when the kept part fills it. Returns `false`
    /// in `read` when the file has ended.
    public func refill(keepFrom: Int) throws -> Bool {
        let kept = count - keepFrom
        if keepFrom > 0 && kept > 0 {
            memmove(buffer.baseAddress!, buffer.baseAddress! + keepFrom, kept)
        }
        consumedBefore += Int64(keepFrom)
        count = kept
        if count == buffer.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
            buffer.deallocate()
            buffer = bigger
        }
        while true {
            let got = read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else {
                throw CSVSourceError(file: path, reason: "read failed (\(String(cString: strerror(errno))))")
            }
            if got == 0 { atEnd = true; return false }
            count += got
            return true
        }
    }
}
