import ArgumentParser
import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit

/// The options every `convert <source>` command shares, spelled and checked once.
struct ConvertOptions: ParsableArguments {
    @Option(help: "Mattermost team name (normalised to Mattermost's rules: lower case, a-z 0-9 -).")
    var team: String

    @Option(help: "Team display name (default: the team name as given).")
    var teamDisplayName: String?

    @Option(help: "Output package (default: ./<normalised team name>-import.zip).")
    var output: String?

    @Option(help: "Write the run report here: FILE.json (JSON) or FILE.html (a self-contained page).")
    var report: String?

    @Option(help: "Give users without an email <username>@DOMAIN.")
    var defaultEmailDomain: String?

    @Option(help: """
        Mattermost username that owns bots whose source names no owner: an imported person, or an account \
        already on the server such as its admin (then it must exist when the package is imported).
        """)
    var botOwner: String?

    @Option(help: "Keep only messages at or after this UTC date (YYYY-MM-DD), for repeated delta imports.")
    var since: String?

    @Flag(help: "Skip malformed or unreadable input (listed in the report) instead of stopping.")
    var lenient = false

    @Option(help: """
        Largest single element read from a source file, in MiB: a JSON element (a message, a user, a \
        channel) for slack and hipchat, a row or line for csv and jsonl (xmpp and pidgin do not use it). \
        Files are read one element at a time, so this bounds memory whatever a file's size; a larger \
        element makes its file malformed (or, for csv and jsonl, is a bad row).
        """)
    var maxJsonElementSize = JSONArrayStream.defaultMaxElementBytes >> 20

    /// `--max-json-element-size` in bytes.
    var maxJSONElementBytes: Int { maxJsonElementSize << 20 }

    @Flag(help: "Do not include files.")
    var skipAttachments = false

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        if maxJsonElementSize < 1 || maxJsonElementSize > 4096 {
            throw ValidationError("--max-json-element-size must be between 1 and 4096 (MiB)")
        }
        if let since, UTCDay.startMillis(since) == nil {
            throw ValidationError("--since must be a date like 2024-03-01")
        }
        if let botOwner, !NameRules.isValidUsername(botOwner) {
            throw ValidationError("--bot-owner '\(botOwner)' is not a valid Mattermost username (lower-case a-z, 0-9, '.', '-', '_')")
        }
        // The domain must make valid addresses by Mattermost's own email rule.
        if let defaultEmailDomain, !NameRules.isValidEmail("user@" + defaultEmailDomain) {
            throw ValidationError("--default-email-domain must be a domain like example.com")
        }
    }

    /// `--since` in milliseconds since the epoch.
    var sinceMillis: Int64? { since.flatMap(UTCDay.startMillis) }

    /// The team name as it will be in the package.
    var normalizedTeam: String { NameNormalizer.teamName(team) }

    /// `--output`, or `<normalised team>-import.zip` in the current folder: the team name never steers
    /// where the package is written (`--team ../x` or `/tmp/evil` stays here).
    var outputURL: URL { URL(fileURLWithPath: output ?? "\(normalizedTeam)-import.zip") }

    var exportOptions: ExportOptions {
        ExportOptions(defaultEmailDomain: defaultEmailDomain, botOwner: botOwner, generatorVersion: MattermoveVersion.current)
    }

    /// Writes the report (if asked), prints the notes the admin must act on and a one-line summary.
    func finish(_ result: MigrationReport) throws {
        if let report { try MigrationReportFile.write(result, to: URL(fileURLWithPath: report)) }
        for note in result.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        let o = result.output
        let skipped = result.skipped.reduce(0) { $0 + $1.count }
        print("wrote \(outputURL.path): \(o.teams) teams, \(o.channels) channels, \(o.users) users, \(o.bots) bots, "
            + "\(o.posts) posts, \(o.replies) replies, \(o.directChannels) direct channels, \(o.directPosts) direct posts, "
            + "\(o.directReplies) direct replies, \(o.reactions) reactions, \(o.attachments) files; \(skipped) items skipped"
            + (report == nil ? " (pass --report FILE.json for details)" : " (see \(report!))"))
    }
}
