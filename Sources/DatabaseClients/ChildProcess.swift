import Foundation
import Subprocess

/// One run of an external tool (pg_dump, mysql, …). Secrets never go in `arguments`: they travel in
/// files named by `environment` (PGPASSFILE) or by a `--defaults-extra-file` argument.
public struct ToolInvocation: Sendable {
    public let tool: String
    public let arguments: [String]
    public var environment: [String: String] = [:]
    /// Turns the tool's exit status and standard-error tail into the error to report.
    public let failure: @Sendable (_ tool: String, _ status: String, _ standardError: String) -> DatabaseClientError
}

/// Runs external tools through swift-subprocess, streaming their standard input and output.
public enum ChildProcess {
    /// Keeps the last bytes of a tool's standard error for the error message.
    static let standardErrorTailBytes = 8_192
    /// Never let a caller's own PG/MySQL password variables leak into (or confuse) the child.
    static let scrubbedVariables = ["PGPASSWORD", "MYSQL_PWD", "PGSERVICEFILE", "PGSERVICE"]

    /// The one-line error when the tool cannot be started at all.
    static func cannotRun(_ executable: String, _ reason: String) -> DatabaseClientError {
        DatabaseClientError("cannot run \(executable): \(reason); install it (PostgreSQL or MySQL/MariaDB client tools) or put it on PATH")
    }

    /// Runs the tool and returns its standard output as text (for small query results).
    public static func output(_ invocation: ToolInvocation) async throws -> String {
        var collected: [UInt8] = []
        try await streamOutput(invocation) { chunk in collected.append(contentsOf: chunk) }
        return String(decoding: collected, as: UTF8.self)
    }

    /// Runs the tool, handing each chunk of its standard output to `consumer` as it arrives.
    public static func streamOutput(_ invocation: ToolInvocation, consumer: ([UInt8]) async throws -> Void) async throws {
        try await run(invocation, feedsInput: false, producer: { _ in }, consumer: consumer)
    }

    /// Runs the tool, feeding its standard input from `producer`, which calls the given write function
    /// for each chunk. Standard output is discarded (kept only for the error message).
    public static func streamInput(
        _ invocation: ToolInvocation,
        producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void
    ) async throws {
        try await run(invocation, feedsInput: true, producer: producer, consumer: { _ in })
    }

    private static func run(
        _ invocation: ToolInvocation,
        feedsInput: Bool,
        producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void,
        consumer: ([UInt8]) async throws -> Void
    ) async throws {
        signal(SIGPIPE, SIG_IGN) // a tool that exits early must give us EPIPE, not kill us
        let executable = ToolLocator.path(for: invocation.tool)
        var updates: [Environment.Key: String?] = [:]
        for key in scrubbedVariables { updates[Environment.Key(rawValue: key)!] = nil }
        for (key, value) in invocation.environment { updates[Environment.Key(rawValue: key)!] = value }
        let configuration = Configuration(executable: .path(.init(executable)), arguments: Arguments(invocation.arguments),
                                          environment: .inherit.updating(updates))
        let errorTail = TailBuffer(limit: standardErrorTailBytes)
        let result: ExecutionResult<Void, SequenceOutput, SequenceOutput>
        do {
            result = try await Subprocess.run(configuration, input: .inputWriter, output: .sequence, error: .sequence) { execution in
                do {
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        group.addTask {
                            for try await buffer in execution.standardError {
                                buffer.withUnsafeBytes { errorTail.append($0) }
                            }
                        }
                        let writer = execution.standardInputWriter
                        if feedsInput {
                            group.addTask {
                                for try await buffer in execution.standardOutput {
                                    buffer.withUnsafeBytes { errorTail.append($0) }
                                }
                            }
                            try await producer { chunk in _ = try await writer.write(chunk) }
                            try await writer.finish()
                        } else {
                            try await writer.finish()
                            for try await buffer in execution.standardOutput {
                                try await consumer(buffer.withUnsafeBytes { Array($0) })
                            }
                        }
                        try await group.waitForAll()
                    }
                } catch {
                    // Stop the tool at once: it may be blocked writing into a pipe nobody reads.
                    try? execution.send(signal: .kill)
                    throw error
                }
            }
        } catch let error as DatabaseClientError {
            throw error
        } catch let error as SubprocessError where feedsInput && isBrokenPipe(error) {
            // The tool exited while we were still writing; its exit status and message explain why.
            throw invocation.failure(invocation.tool, "stopped reading its input", errorTail.text)
        } catch let error as SubprocessError {
            throw cannotRun(executable, String(error.description.split(separator: "\n").first ?? ""))
        }
        switch result.terminationStatus {
        case .exited(0):
            return
        case .exited(let code):
            throw invocation.failure(invocation.tool, "exit status \(code)", errorTail.text)
        case .signaled(let signal):
            throw invocation.failure(invocation.tool, "killed by signal \(signal)", errorTail.text)
        }
    }

    private static func isBrokenPipe(_ error: SubprocessError) -> Bool {
        "\(error)".contains("Broken pipe") || "\(error)".contains("EPIPE") || "\(error)".contains("errno 32")
    }
}

/// Thread-safe bounded buffer for the end of a tool's standard error.
public final class TailBuffer: @unchecked Sendable {
    private let limit: Int
    private var bytes: [UInt8] = []
    private let lock = NSLock()

    public init(limit: Int) { self.limit = limit }

    public func append(_ chunk: UnsafeRawBufferPointer) { append(Array(chunk)) }

    public func append(_ chunk: [UInt8]) {
        lock.lock(); defer { lock.unlock() }
        bytes.append(contentsOf: chunk)
        if bytes.count > limit { bytes.removeFirst(bytes.count - limit) }
    }

    public var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Finds client tools. Debian's /usr/bin/pg_dump is a Perl wrapper; calling the newest versioned
/// binary directly saves its start-up on every query.
public enum ToolLocator {
    public static func path(for tool: String) -> String {
        let fileManager = FileManager.default
        if tool.hasPrefix("pg_") || tool == "psql" {
            let base = "/usr/lib/postgresql"
            let versions = ((try? fileManager.contentsOfDirectory(atPath: base)) ?? []).compactMap(Int.init).sorted(by: >)
            for version in versions {
                let candidate = "\(base)/\(version)/bin/\(tool)"
                if fileManager.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        // Standard locations too: the caller's PATH may be trimmed (test runners, cron).
        for directory in searchPath.split(separator: ":") + ["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"] {
            let candidate = "\(directory)/\(tool)"
            if fileManager.isExecutableFile(atPath: candidate) { return candidate }
        }
        return tool
    }

    /// The first of `names` that is installed (e.g. `mysqldump` or `mariadb-dump`).
    public static func firstAvailable(_ names: [String]) -> String {
        names.first { path(for: $0).hasPrefix("/") } ?? names[0]
    }
}
