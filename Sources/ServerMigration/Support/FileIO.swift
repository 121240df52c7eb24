import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX file descriptor with whole-buffer reads and writes.
///
/// Foundation's FileHandle hides seek/short-read details we need for the tar reader and writer, so we
/// use the descriptor directly.
final class RawFile {
    let path: String
    let fd: Int32

    init(readingFrom path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ServerMigrationError("\(path): cannot open for reading (\(String(cString: strerror(errno)))); check the path and permissions") }
    }

    /// Creates (or truncates) a file with the given mode, e.g. 0o600 for backups.
    init(creating path: String, mode: mode_t) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { throw ServerMigrationError("\(path): cannot create (\(String(cString: strerror(errno)))); check the directory exists and is writable") }
        fchmod(fd, mode)
    }

    deinit { close(fd) }

    /// Reads up to `count` bytes; an empty result means end of file.
    func read(upTo count: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ServerMigrationError("\(path): read failed (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            filled += n
        }
        buffer.removeLast(count - filled)
        return buffer
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw ServerMigrationError("\(path): write failed (\(String(cString: strerror(errno)))); check free disk space")
            }
            offset += n
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    func seek(to offset: Int64) throws {
        guard lseek(fd, off_t(offset), SEEK_SET) >= 0 else { throw ServerMigrationError("\(path): seek failed") }
    }

    var size: Int64 {
        var info = stat()
        fstat(fd, &info)
        return Int64(info.st_size)
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw ServerMigrationError("\(path): fsync failed (\(String(cString: strerror(errno))))") }
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so readers never see half a file.
func writeFileAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) throws {
    let temporary = path + ".mattermove-tmp"
    let file = try RawFile(creating: temporary, mode: mode)
    try file.write(bytes)
    try file.sync()
    try renameFile(temporary, to: path)
}

func renameFile(_ from: String, to: String) throws {
    guard rename(from, to) == 0 else {
        throw ServerMigrationError("\(to): cannot rename from \(from) (\(String(cString: strerror(errno))))")
    }
}

/// Creates `path` and its parents (mode 0750, as Mattermost's local file store does).
func createDirectories(_ path: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    } catch {
        throw ServerMigrationError("\(path): cannot create directory; check permissions")
    }
}

/// Free bytes on the file system holding `path` (or its nearest existing parent).
func freeDiskBytes(at path: String) -> Int64? {
    var candidate = path
    while !FileManager.default.fileExists(atPath: candidate) {
        let parent = (candidate as NSString).deletingLastPathComponent
        if parent == candidate || parent.isEmpty { return nil }
        candidate = parent
    }
    var info = statvfs()
    guard statvfs(candidate, &info) == 0 else { return nil }
    return Int64(info.f_bavail) * Int64(info.f_frsize)
}
