import ArgumentParser
import Foundation
import ServerMigration

/// Shared plumbing of the `server` subcommands: one-line errors, progress on stderr, secrets from
/// the environment or a password file only.
enum ServerCommandSupport {
    /// The progress display of the long phases (shown only when stderr is a terminal).
    static let progress = ProgressBar(quiet: false)

    /// Log lines go to standard error so standard output holds only results.
    static let log: @Sendable (String) -> Void = { line in progress.message(line) }

    /// The process environment, plus the password file given on the command line.
    static func environment(passwordFile: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let passwordFile { environment[ServerConfig.passwordFileVariable] = passwordFile }
        return environment
    }

    /// Runs a command body with the progress display installed; a failure is printed as one
    /// `error: …` line and exits 1.
    static func run(_ body: () async throws -> Void) async throws {
        defer { progress.finish() }
        do {
            try await ServerProgress.$handler.withValue({ phase, done, total, unit in
                progress.update(phase, done: Int(done), total: Int(total), bytes: unit == .bytes)
            }) {
                try await body()
            }
        } catch let error as ServerMigrationError {
            progress.finish()
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Prints a verification report (as text, or as one JSON object with `--json`); exits 1 when
    /// anything differs.
    static func finish(with report: VerificationReport, renamedTables: [String: Int] = [:], json: Bool) throws {
        progress.finish()
        if json {
            try printJSON(ServerVerificationJSON(report, renamedTables: renamedTables))
        } else {
            if !report.isClean {
                print(report.renderedDifferences())
            }
            print(report.summary)
        }
        if !report.isClean { throw ExitCode(1) }
    }

    /// Prints `value` as one JSON object on standard output (sorted keys, for scripts).
    static func printJSON(_ value: some Encodable) throws {
        progress.finish()
        try SummaryOutput.printJSON(value)
    }
}

/// The `--json` flag of the `server` commands.
struct ServerJSONOption: ParsableArguments {
    @Flag(name: .long, help: "Print the summary as one JSON object on standard output (log lines stay on standard error).")
    var json = false
}

/// Options of the commands that write into a destination server (restore, migrate).
struct ServerDestinationOptions: ParsableArguments {
    @Option(name: .long, help: "New ServiceSettings.SiteURL for the destination.")
    var siteUrl: String?

    @Flag(name: .long, help: "Replace everything in a non-empty destination database.")
    var force = false
}
