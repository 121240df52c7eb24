import ArgumentParser
import Foundation
import MattermostImport

/// `mattermove validate`: checks a bulk-import package offline, before a multi-hour import.
/// Exit 0 valid, 1 invalid, 2 unreadable input.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a Mattermost bulk-import package (.zip or .jsonl) against every import rule.",
        discussion: "Exit status: 0 valid, 1 invalid, 2 unreadable input."
    )

    @Argument(help: "The package: a .zip with import.jsonl at the root, or a bare .jsonl.")
    var package: String

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "Treat warnings (re-import duplicates, skipped lines, unused files) as errors.")
    var strict = false

    @Option(help: "The server's maximum message length in characters (4000 for very old databases).")
    var maxPostRunes = MattermostLimits.postMessageMaxRunes

    @Option(help: "Comma-separated names of teams that already exist on the server.")
    var teamsExist: String?

    @Option(help: "Comma-separated usernames that already exist on the server (a bot owner such as the admin account, users of an earlier run).")
    var usersExist: String?

    func validate() throws {
        guard maxPostRunes > 0 else { throw ValidationError("--max-post-runes must be a positive number") }
    }

    func run() throws {
        let validator = PackageValidator(options: ValidationOptions(strict: strict, maxPostRunes: maxPostRunes,
                                                                    teamsExist: Self.names(teamsExist), usersExist: Self.names(usersExist)))
        let report: ValidationReport
        do {
            report = try validator.validate(packageAt: URL(fileURLWithPath: package))
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if json { printJSON(report) } else { printText(report) }
        if !report.isValid { throw ExitCode(1) }
    }

    /// The names of a comma-separated list, trimmed, empty ones dropped.
    static func names(_ list: String?) -> Set<String> {
        Set((list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    private func printJSON(_ report: ValidationReport) {
        FileHandle.standardOutput.write(Data(report.jsonBytes() + [0x0A]))
    }

    private func printText(_ report: ValidationReport) {
        var out = ""
        for finding in report.errors { out += "line \(finding.line): \(finding.id): \(finding.message)\n" }
        if !report.warnings.isEmpty { out += "warnings\(strict ? "" : " (not errors; --strict makes them errors)"):\n" }
        for finding in report.warnings { out += "line \(finding.line): \(finding.id): \(finding.message)\n" }
        let c = report.counts
        out += "\(report.isValid ? "valid" : "INVALID"): \(report.errors.count) errors, \(report.warnings.count) warnings; "
        out += "\(c.teams) teams, \(c.channels) channels, \(c.users) users, \(c.bots) bots, \(c.emoji) emoji, "
        out += "\(c.posts) posts, \(c.replies) replies, \(c.reactions) reactions, \(c.attachments) attachments, "
        out += "\(c.directChannels) direct channels, \(c.directPosts) direct posts\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }
}
