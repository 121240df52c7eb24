#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A write-buffered file with a logical position, used by one thread at a time (hence `@unchecked Sendable`). Bytes written in one `write` call
/// that fit the buffer stay contiguous in it, so a header can be patched in memory until it is flushed.
final class OutputFile: @unchecked Sendable {
    static let bufferCapacity = 2 << 20
    let descriptor: Int32
    /// Package name for error messages.
    let displayName: String
    /// Bytes written so far, buffered or not.
    private(set) var position: UInt64 = 0
    private var flushedPosition: UInt64 = 0
    private var pending = 0
    private let buffer = UnsafeMutableRawPointer.allocate(byteCount: bufferCapacity, alignment: 64)

    init(descriptor: Int32, displayName: String) {
        self.descriptor = descriptor
        self.displayName = displayName
    }

    deinit { buffer.deallocate() }

    func failure(_ message: String, entry: String? = nil) -> ArchiveError {
        ArchiveError(.io, archive: displayName, entry: entry, message: message)
    }

    private func systemFailure(_ action: String) -> ArchiveError {
        failure("\(action) failed (\(String(cString: strerror(errno))))")
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard bytes.count > 0 else { return }
        if bytes.count > Self.bufferCapacity - pending { try flush() }
        if bytes.count >= Self.bufferCapacity {
            try writeFully(bytes, at: nil)
            flushedPosition += UInt64(bytes.count)
        } else {
            (buffer + pending).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            pending += bytes.count
        }
        position += UInt64(bytes.count)
    }

    /// Lets `body` write directly into at least `minimum` bytes of free buffer space; it returns how many
    /// bytes it produced.
    func withFreeSpace(minimum: Int, _ body: (UnsafeMutableRawBufferPointer) throws -> Int) throws {
        if Self.bufferCapacity - pending < minimum { try flush() }
        let produced = try body(UnsafeMutableRawBufferPointer(start: buffer + pending, count: Self.bufferCapacity - pending))
        pending += produced
        position += UInt64(produced)
    }

    /// Rewrites `length` bytes at `offset` (a region written by one earlier `write`).
    func patch(at offset: UInt64, length: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) throws {
        if offset >= flushedPosition {
            body(UnsafeMutableRawBufferPointer(start: buffer + Int(offset - flushedPosition), count: length))
            return
        }
        var region = [UInt8](repeating: 0, count: length)
        try region.withUnsafeMutableBytes { bytes in
            guard pread(descriptor, bytes.baseAddress!, length, off_t(offset)) == length else {
                throw systemFailure("re-reading a local header")
            }
            body(bytes)
            try writeFully(UnsafeRawBufferPointer(bytes), at: offset)
        }
    }

    func flush() throws {
        guard pending > 0 else { return }
        try writeFully(UnsafeRawBufferPointer(start: buffer, count: pending), at: nil)
        flushedPosition += UInt64(pending)
        pending = 0
    }

    /// Appends this (flushed) file's whole contents to `other`.
    func copy(to other: OutputFile) throws {
        var offset: UInt64 = 0
        let chunk = 1 << 20
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 64)
        defer { scratch.deallocate() }
        while offset < position {
            let n = pread(descriptor, scratch, Int(min(UInt64(chunk), position - offset)), off_t(offset))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw systemFailure("reading back the central directory") }
            try other.write(UnsafeRawBufferPointer(start: scratch, count: n))
            offset += UInt64(n)
        }
    }

    func sync() throws {
        try flush()
        guard fsync(descriptor) == 0 else { throw systemFailure("fsync") }
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer, at offset: UInt64?) throws {
        var done = 0
        while done < bytes.count {
            let pointer = bytes.baseAddress! + done
            let n = offset.map { pwrite(descriptor, pointer, bytes.count - done, off_t($0) + off_t(done)) }
                ?? systemWrite(descriptor, pointer, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw systemFailure("write")
            }
            done += n
        }
    }
}

/// `write(2)`, named apart from `OutputFile.write`.
private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, pointer, count)
}
