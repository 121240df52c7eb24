import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file holding credentials for a child process (PGPASSFILE, MySQL defaults file): created mode
/// 0600 inside a private 0700 directory, removed when the owner goes away.
final class SecretFile: Sendable {
    let path: String
    private let directory: String

    init(contents: String, name: String) throws {
        var template = Array((NSTemporaryDirectory() + "/mattermove-XXXXXX").utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw ServerMigrationError("cannot create a private temporary directory in \(NSTemporaryDirectory()); check TMPDIR")
        }
        directory = String(cString: created)
        path = directory + "/" + name
        let file = try RawFile(creating: path, mode: 0o600)
        try file.write(Array(contents.utf8))
    }

    deinit {
        unlink(path)
        rmdir(directory)
    }
}
