#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file read with `pread`, so any number of threads can read it at once without sharing a
/// file position.
final class RandomAccessFile: Sendable {
    let descriptor: Int32
    let size: UInt64
    /// File name used in error messages.
    let displayName: String

    init(path: String, displayName: String) throws {
        self.displayName = displayName
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            let kind: ArchiveError.Kind = code == ENOENT ? .inputNotFound : .unreadableInput
            throw ArchiveError(kind, archive: displayName, message: "cannot open (\(Self.describe(code)))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw ArchiveError(.unreadableInput, archive: displayName, message: "cannot stat (\(Self.describe(code)))")
        }
        self.descriptor = fd
        self.size = UInt64(info.st_size)
    }

    deinit { close(descriptor) }

    /// Fills `buffer` completely from `offset`; a short read (end of file) is a damaged archive.
    func readFully(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer, entry: String?) throws {
        // Offsets come from the (possibly damaged) zip: check them before they reach off_t.
        guard offset <= size, UInt64(buffer.count) <= size - offset else {
            throw ArchiveError(.damagedArchive, archive: displayName, entry: entry,
                                     message: "a record points to byte \(offset), beyond the end of the file (\(size) bytes; the zip is damaged or truncated)")
        }
        var done = 0
        while done < buffer.count {
            let n = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n > 0 {
                done += n
            } else if n == 0 {
                throw ArchiveError(.damagedArchive, archive: displayName, entry: entry,
                                         message: "unexpected end of file at byte \(offset + UInt64(done)) (the zip is truncated; download the export again)")
            } else if errno != EINTR {
                let code = errno
                throw ArchiveError(.unreadableInput, archive: displayName, entry: entry,
                                         message: "read error at byte \(offset + UInt64(done)) (\(Self.describe(code)))")
            }
        }
    }

    /// Reads `count` bytes at `offset` into a new array.
    func readBytes(at offset: UInt64, count: Int, entry: String? = nil) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { buffer in try readFully(at: offset, into: buffer, entry: entry) }
        return bytes
    }

    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
