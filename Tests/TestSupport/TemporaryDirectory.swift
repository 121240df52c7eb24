import Foundation

/// Fresh folders and file paths for tests, all inside one folder per test process that is removed when
/// the process exits: packages and scratch exports of thousands of test runs must not pile up in the
/// system's temporary directory. Callers may still remove their own folders early (`defer`).
public enum TemporaryDirectory {
    /// `mattermove-tests-<pid>` under the system's temporary directory, created on first use.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("mattermove-tests-\(ProcessInfo.processInfo.processIdentifier)", isDirectory: true)
        try? FileManager.default.removeItem(at: url)  // a crashed run with the same pid
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TemporaryDirectory.root) }
        return url
    }()

    public static func make(_ prefix: String = "mattermove-test") throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A path for a new file (not created), such as a package the test is about to write.
    public static func file(_ prefix: String, extension ext: String) -> URL {
        root.appendingPathComponent("\(prefix)-\(UUID().uuidString).\(ext)")
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
