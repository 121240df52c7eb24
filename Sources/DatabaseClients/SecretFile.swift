import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file holding credentials for a child process (PGPASSFILE, MySQL defaults file): created mode
/// 0600 inside a private 0700 directory, removed when the owner goes away.
///
/// A process killed with SIGKILL cannot remove its files, so the directory name carries the pid and
/// every new SecretFile first removes directories of processes that no longer exist.
public final class SecretFile: Sendable {
    public let path: String
    private let directory: String
    private static let prefix = "mattermove-secrets-"

    public init(contents: String, name: String) throws {
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory()).standardizedFileURL.path
        Self.removeOrphans(in: temporary)
        var template = Array("\(temporary)/\(Self.prefix)\(getpid())-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw DatabaseClientError("cannot create a private temporary directory in \(temporary); check TMPDIR")
        }
        directory = String(cString: created)
        path = directory + "/" + name
        try Self.write(Array(contents.utf8), to: path)
    }

    deinit {
        unlink(path)
        rmdir(directory)
    }

    /// Writes `bytes` to a new mode-0600 file.
    private static func write(_ bytes: [UInt8], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DatabaseClientError("\(path): cannot create (\(String(cString: strerror(errno)))); check TMPDIR") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw DatabaseClientError("\(path): write failed (\(String(cString: strerror(errno))))")
            }
            written += n
        }
    }

    /// Removes secret directories left by killed mattermove processes.
    private static func removeOrphans(in temporary: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: temporary) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).split(separator: "-").first ?? ""), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: "\(temporary)/\(name)")
            }
        }
    }
}
