import Foundation

/// A regular file found under a root directory.
struct FoundFile {
    var relativePath: String
    var absolutePath: String
    var size: Int64
    var mode: Int
    var modificationTime: Int64
}

/// Lists the regular files under a directory in byte order of their relative paths (deterministic
/// archives); symbolic links and special files are skipped with a reason.
enum FileTree {
    static func list(root: String, excluding excluded: Set<String> = [], ignoring ignoredNames: Set<String> = []) throws -> (files: [FoundFile], skipped: [SkippedItem]) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ServerMigrationError("\(root): directory does not exist; check FileSettings.Directory (or MM_FILESETTINGS_DIRECTORY) and the --config path")
        }
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            throw ServerMigrationError("\(root): cannot list directory; check permissions")
        }
        var files: [FoundFile] = []
        var skipped: [SkippedItem] = []
        while let relative = enumerator.nextObject() as? String {
            let absolute = (root as NSString).appendingPathComponent(relative)
            if excluded.contains(absolute) { continue }
            var info = stat()
            guard lstat(absolute, &info) == 0 else {
                skipped.append(SkippedItem(path: relative, reason: "cannot read file information"))
                continue
            }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                continue
            case S_IFREG:
                if ignoredNames.contains(relative) {
                    skipped.append(SkippedItem(path: relative, reason: "Mattermost's connection-test file, not data"))
                    continue
                }
                guard access(absolute, R_OK) == 0 else {
                    skipped.append(SkippedItem(path: relative, reason: "not readable by this user"))
                    continue
                }
                files.append(FoundFile(relativePath: relative, absolutePath: absolute, size: Int64(info.st_size),
                                       mode: Int(info.st_mode & 0o7777), modificationTime: Int64(info.st_mtim.tv_sec)))
            case S_IFLNK:
                skipped.append(SkippedItem(path: relative, reason: "symbolic link, not followed"))
            default:
                skipped.append(SkippedItem(path: relative, reason: "not a regular file"))
            }
        }
        files.sort { $0.relativePath.utf8.lexicographicallyPrecedes($1.relativePath.utf8) }
        skipped.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return (files, skipped)
    }

    /// Streams a file in 1 MiB chunks.
    static func read(_ path: String, consumer: ([UInt8]) async throws -> Void) async throws {
        let file = try RawFile(readingFrom: path)
        while true {
            let chunk = try file.read(upTo: TarReader.chunkSize)
            if chunk.isEmpty { return }
            try await consumer(chunk)
        }
    }

    /// Rejects archive paths that could escape the destination directory.
    static func safeRelativePath(_ path: String, origin: String) throws -> String {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0.isEmpty }) else {
            throw ServerMigrationError("\(origin): entry path \"\(path)\" is unsafe (absolute or contains ..); the backup was altered, take a new one")
        }
        return path
    }
}
