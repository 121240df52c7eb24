#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import MattermostImport

/// Streams a plain file of an unpacked export in 64 KiB chunks.
enum DirectoryFileReader {
    static func read(_ path: String, archive: String, entry: String,
                     chunk consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            throw ArchiveError(code == ENOENT ? .entryNotFound : .unreadableInput, archive: archive,
                                     entry: entry, message: "cannot open (\(String(cString: strerror(code))))")
        }
        defer { close(fd) }
        let capacity = 64 * 1024
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var offset: UInt64 = 0
        while true {
            let n = systemRead(fd, buffer.baseAddress!, capacity)
            if n > 0 {
                try consume(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
                offset += UInt64(n)
            } else if n == 0 {
                return
            } else if errno != EINTR {
                let code = errno
                throw ArchiveError(.unreadableInput, archive: archive, entry: entry,
                                         message: "read error at byte \(offset) (\(String(cString: strerror(code))))")
            }
        }
    }
}

/// `read(2)`, named apart from `DirectoryFileReader.read`.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}
