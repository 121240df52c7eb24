#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// File-system steps of writing a package: exclusive temporary files and syncing the folder after rename.
enum PackageFiles {
    /// Creates `<prefix>[-n]` in `folder` exclusively, mode 0644 regardless of umask.
    static func createExclusive(in folder: URL, prefix: String, packageName: String) throws -> (URL, Int32) {
        for attempt in 0..<1000 {
            let url = folder.appendingPathComponent(attempt == 0 ? prefix : "\(prefix)-\(attempt)")
            let fd = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 {
                fchmod(fd, 0o644)
                return (url, fd)
            }
            if errno != EEXIST {
                throw ArchiveError(.io, archive: packageName,
                                         message: "cannot create \(url.path) (\(String(cString: strerror(errno))))")
            }
        }
        throw ArchiveError(.io, archive: packageName, message: "cannot create a temporary file in \(folder.path)")
    }

    static func syncFolder(_ folder: URL) {
        let fd = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }
}
