import Foundation

/// Runs helper commands for test setup (initdb, admin SQL); throws with the output on failure.
public enum TestProcess {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// Runs a command to completion with posix_spawn + waitpid. (Foundation's Process left `runuser`
    /// unreaped after pg_ctl daemonised the server, hanging the test.) Output goes to a file, not a
    /// pipe, because a daemonised server would inherit and hold the pipe open.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> String {
        let (exitCode, text) = try runReturningStatus(executable, arguments, input: input, environment: environment)
        guard exitCode == 0 else {
            throw Failure(description: "\(executable) \(arguments.joined(separator: " ")) failed (\(exitCode)): \(text.suffix(2000))")
        }
        return text
    }

    /// Runs a command and returns its exit status and combined output.
    public static func runReturningStatus(_ executable: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:]) throws -> (Int32, String) {
        let scratch = NSTemporaryDirectory() + "/mattermove-test-io-\(UUID().uuidString)"
        FileManager.default.createFile(atPath: scratch + ".in", contents: Data((input ?? "").utf8))
        FileManager.default.createFile(atPath: scratch + ".out", contents: nil)
        defer {
            try? FileManager.default.removeItem(atPath: scratch + ".in")
            try? FileManager.default.removeItem(atPath: scratch + ".out")
        }
        let pid = try spawn(executable, arguments, environment: environment, standardInput: scratch + ".in", standardOutput: scratch + ".out")
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let text = String(decoding: FileManager.default.contents(atPath: scratch + ".out") ?? Data(), as: UTF8.self)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, text)
    }

    /// Starts a process with stdin/stdout/stderr redirected to files; returns its pid.
    public static func spawn(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                      standardInput: String = "/dev/null", standardOutput: String = "/dev/null") throws -> pid_t {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, standardInput, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw Failure(description: "cannot start \(executable): error \(result)") }
        return pid
    }

    /// Runs a command as another user when we are root (PostgreSQL and MariaDB refuse to run as root).
    public static func runAs(_ user: String, _ executable: String, _ arguments: [String]) throws {
        if getuid() == 0 {
            try run("/usr/sbin/runuser", ["-u", user, "--", executable] + arguments)
        } else {
            try run(executable, arguments)
        }
    }

    public static func freeLoopbackPort() -> Int {
        let socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketDescriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketDescriptor, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketDescriptor, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    public static func makeTemporaryDirectory(_ prefix: String) throws -> String {
        let path = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(prefix)-\(UUID().uuidString.prefix(8))").standardizedFileURL.path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
