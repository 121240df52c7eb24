import ArgumentParser
import Foundation
import ServerMigration

/// Shared plumbing of the `server` subcommands: one-line errors, progress on stderr, secrets from
/// the environment or a password file only.
enum ServerCommandSupport {
    /// Progress lines go to standard error so standard output holds only results.
    static let log: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The process environment, plus the password file given on the command line.
    static func environment(passwordFile: String?) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        if let passwordFile { environment[ServerConfig.passwordFileVariable] = passwordFile }
        return environment
    }

    /// Runs a command body; a failure is printed as one `error: …` line and exits 1.
    static func run(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as ServerMigrationError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
    }

    /// Prints a verification report; exits 1 when anything differs.
    static func finish(with report: VerificationReport) throws {
        if !report.isClean {
            print(report.renderedDifferences())
        }
        print(report.summary)
        if !report.isClean { throw ExitCode(1) }
    }
}

/// Options of the commands that write into a destination server (restore, migrate).
struct ServerDestinationOptions: ParsableArguments {
    @Option(name: .long, help: "New ServiceSettings.SiteURL for the destination.")
    var siteUrl: String?

    @Flag(name: .long, help: "Replace everything in a non-empty destination database.")
    var force = false
}
