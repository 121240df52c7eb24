import Foundation

/// Command-line tools some tests call (`zip`, `unzip`, `python3`, …). `.ci/run` installs them; a test
/// that needs one is `.enabled(if: ExternalTool.exists("zip"))`, so it shows as skipped where absent.
public enum ExternalTool {
    /// The executable's path on `PATH` (or the usual system folders), or `nil`.
    public static func path(_ name: String) -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/usr/local/bin", "/bin", "/opt/homebrew/bin"]
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public static func exists(_ name: String) -> Bool { path(name) != nil }

    /// What a finished child process left.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// stdout then stderr, for messages.
        public var output: String { stdout + stderr }
    }

    /// Runs `executable` (a path, or a name looked up with `path(_:)`) to completion. stdout and stderr go
    /// to files, so a chatty child cannot block on a full pipe.
    public static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil,
                           environment: [String: String] = [:], input: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.contains("/") ? executable : (path(executable) ?? executable))
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        if let directory { process.currentDirectoryURL = directory }
        let work = try TemporaryDirectory.make("process")
        defer { try? FileManager.default.removeItem(at: work) }
        let outURL = work.appendingPathComponent("out"), errURL = work.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}
