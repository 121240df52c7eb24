import Foundation

/// Fresh folders under the system's temporary directory; the caller removes them (`defer`).
public enum TemporaryDirectory {
    public static func make(_ prefix: String = "mattermove-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `files` (relative path → contents) below `root`, creating folders as needed.
    public static func writeTree(_ files: [String: Data], at root: URL) throws {
        for (path, data) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
    }
}
