import ArgumentParser
import Foundation
import MigrationCore
import SlackSource
import SourceToolkit

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

    @OptionGroup(title: "Conversion")
    var common: ConvertOptions

    @Option(help: "Slack guests become: guest, user, or skip (left out with their messages).")
    var guestHandling: SlackOptions.GuestHandling = .guest

    @Option(help: "Join/leave/topic/purpose/rename/archive, integration and pin notices: post (as Mattermost system posts) or skip.")
    var systemMessages: SlackOptions.SystemMessages = .post

    @Flag(help: "Fetch files missing from the export from Slack's tokenised URLs into <output>.files/ (a re-run resumes).")
    var downloadFiles = false

    @Option(help: "Enterprise Grid: JSON file mapping workspace folders (or T… ids) to team names.")
    var teamMap: String?

    func run() throws {
        let exportURL = URL(fileURLWithPath: export)
        let outputURL = common.outputURL
        var options = SlackOptions(teamName: common.team, teamDisplayName: common.teamDisplayName,
                                   guestHandling: guestHandling, systemMessages: systemMessages,
                                   skipAttachments: common.skipAttachments, since: common.sinceMillis,
                                   lenient: common.lenient,
                                   teamMap: try teamMap.map { try SlackConversion.loadTeamMap(URL(fileURLWithPath: $0)) } ?? [:])
        options.maxJSONElementBytes = common.maxJSONElementBytes
        let progress = ProgressBar(quiet: common.quiet)
        if downloadFiles && !common.skipAttachments {
            let folder = outputURL.deletingPathExtension().appendingPathExtension("files")
            let downloads = try SlackFileDownloader.downloadMissingFiles(
                export: exportURL, into: folder, progress: { progress.update("downloading files", done: $0, total: $1) })
            options.downloadedFiles = downloads.files
            options.downloadFailures = downloads.failures
            if !downloads.failures.isEmpty {
                FileHandle.standardError.write(Data("\(downloads.failures.count) file(s) could not be downloaded; they are listed in the report\n".utf8))
            }
        }
        let result = try SlackConversion.convert(export: exportURL, options: options, exportOptions: common.exportOptions,
                                                 output: outputURL, progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        try common.finish(result)
    }
}

extension SlackOptions.GuestHandling: ExpressibleByArgument {}
extension SlackOptions.SystemMessages: ExpressibleByArgument {}
