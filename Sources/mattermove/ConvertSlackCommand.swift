import ArgumentParser
import Foundation
import MigrationCore
import SlackImport

/// `mattermove convert slack`: a Slack export (zip or folder) → one Mattermost bulk-import package.
struct ConvertSlackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slack",
        abstract: "Convert a Slack export (.zip or unpacked folder) into a Mattermost bulk-import package.",
        discussion: """
            Streams the export (memory stays flat), keeps threads, edits, pins, reactions, bot posts and \
            files, renders mentions with the final Mattermost names, and writes a report of everything \
            skipped or changed. Enterprise Grid exports become one team per workspace.
            """
    )

    @Argument(help: "The Slack export: a .zip file or an unpacked folder.")
    var export: String

    @Option(help: "Mattermost team name for the workspace.")
    var team: String

    @Option(help: "Team display name (default: the team name).")
    var teamDisplayName: String?

    @Option(help: "Output package (default: ./<team>-import.zip).")
    var output: String?

    @Option(help: "Write the run report here: FILE.json (JSON) or FILE.html (a self-contained page).")
    var report: String?

    @Option(help: "Give users without an email <username>@DOMAIN.")
    var defaultEmailDomain: String?

    @Option(help: "Mattermost username that owns the imported bots (required when the export has bots).")
    var botOwner: String?

    @Option(help: "Slack guests become: guest, user, or skip (left out with their messages).")
    var guestHandling: String = "guest"

    @Option(help: "Join/leave/topic/purpose/rename/archive messages: post (as Mattermost system posts) or skip.")
    var systemMessages: String = "post"

    @Flag(help: "Do not include files.")
    var skipAttachments = false

    @Flag(help: "Fetch files missing from the export from Slack's tokenised URLs into <output>.files/ (a re-run resumes).")
    var downloadFiles = false

    @Option(help: "Keep only messages at or after this UTC date (YYYY-MM-DD), for repeated delta imports.")
    var since: String?

    @Flag(help: "Skip malformed or unreadable day files (listed in the report) instead of stopping.")
    var lenient = false

    @Option(help: "Enterprise Grid: JSON file mapping workspace folders (or T… ids) to team names.")
    var teamMap: String?

    @Flag(help: "No progress display.")
    var quiet = false

    func validate() throws {
        guard SlackImportOptions.GuestHandling(rawValue: guestHandling) != nil else {
            throw ValidationError("--guest-handling must be guest, user or skip")
        }
        guard SlackImportOptions.SystemMessages(rawValue: systemMessages) != nil else {
            throw ValidationError("--system-messages must be post or skip")
        }
        if let since, SlackTimestamp.startOfDay(since) == nil {
            throw ValidationError("--since must be a date like 2024-03-01")
        }
    }

    func run() throws {
        let guests = SlackImportOptions.GuestHandling(rawValue: guestHandling)!
        let system = SlackImportOptions.SystemMessages(rawValue: systemMessages)!
        let sinceMillis = since.flatMap(SlackTimestamp.startOfDay)
        let exportURL = URL(fileURLWithPath: export)
        let outputURL = URL(fileURLWithPath: output ?? "\(team)-import.zip")
        var options = SlackImportOptions(teamName: team, teamDisplayName: teamDisplayName, guestHandling: guests,
                                         systemMessages: system, skipAttachments: skipAttachments, since: sinceMillis,
                                         lenient: lenient,
                                         teamMap: try teamMap.map { try SlackConversion.loadTeamMap(URL(fileURLWithPath: $0)) } ?? [:])
        let progress = ProgressBar(quiet: quiet)
        if downloadFiles && !skipAttachments {
            let folder = outputURL.deletingPathExtension().appendingPathExtension("files")
            let downloads = try SlackFileDownloader.downloadMissingFiles(
                export: exportURL, into: folder, progress: { progress.update("downloading files", done: $0, total: $1) })
            options.downloadedFiles = downloads.files
            options.downloadFailures = downloads.failures
            if !downloads.failures.isEmpty {
                FileHandle.standardError.write(Data("\(downloads.failures.count) file(s) could not be downloaded; they are listed in the report\n".utf8))
            }
        }
        let result = try SlackConversion.convert(
            export: exportURL, options: options,
            exportOptions: ExportOptions(defaultEmailDomain: defaultEmailDomain, botOwner: botOwner,
                                         generatorVersion: MattermoveVersion.current),
            output: outputURL, progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        if let report { try MigrationReportFile.write(result, to: URL(fileURLWithPath: report)) }
        let o = result.output
        let skipped = result.skipped.reduce(0) { $0 + $1.count }
        print("wrote \(outputURL.path): \(o.teams) teams, \(o.channels) channels, \(o.users) users, \(o.bots) bots, "
            + "\(o.posts) posts, \(o.replies) replies, \(o.directChannels) direct channels, \(o.directPosts) direct posts, "
            + "\(o.directReplies) direct replies, \(o.reactions) reactions, \(o.attachments) files; \(skipped) items skipped"
            + (report == nil ? " (pass --report FILE.json for details)" : " (see \(report!))"))
    }
}
