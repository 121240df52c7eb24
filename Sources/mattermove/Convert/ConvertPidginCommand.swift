import ArgumentParser
import Foundation
import PidginSource
import SourceToolkit

/// `mattermove convert pidgin`: Pidgin/libpurple log trees (one `~/.purple/logs` per person, merged)
/// → one Mattermost bulk-import package.
struct ConvertPidginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pidgin",
        abstract: "Convert Pidgin/Gaim logs (~/.purple/logs, one per person, merged) into a Mattermost bulk-import package.",
        discussion: """
            Reads HTML and TXT logs below <protocol>/<account>/<buddy or room>/. IMs become direct messages, \
            .chat rooms private channels; the same conversation logged by several people is merged without \
            duplicates. System lines, errors and whispers are counted and left out. Times come from each \
            file's name (its UTC offset) and the line stamps, with midnight wraps and delayed messages.
            """
    )

    @Argument(help: "Log folders (~/.purple/logs or ~/.purple), one per person whose logs are merged.")
    var logDirs: [String]

    @OptionGroup(title: "Conversion")
    var common: ConvertOptions

    @Option(help: "CSV account,username[,email]: who owns each logging account (e.g. alice@example.com,alice).")
    var ownerMap: String?

    @Option(help: "CSV name,username[,email]: Mattermost users of buddy names, aliases and room nicknames.")
    var userMap: String?

    @Option(help: "Zone of log file names without a UTC offset (Gaim-era names), e.g. Europe/Berlin (default: UTC).")
    var timezone: String?

    @Option(help: "Numeric date order of the stamps: mdy, dmy or ymd (default: detected per file from its header).")
    var dateOrder: PidginDateOrder?

    func validate() throws {
        if logDirs.isEmpty { throw ValidationError("give at least one log folder") }
        if let timezone, TimeZone(identifier: timezone) == nil {
            throw ValidationError("--timezone '\(timezone)' is not a time zone name like Europe/Berlin or America/New_York")
        }
    }

    func run() throws {
        let options = try PidginOptions(
            teamName: common.team, teamDisplayName: common.teamDisplayName,
            ownerMap: ownerMap.map { try PidginOptions.loadMap(URL(fileURLWithPath: $0)) } ?? [:],
            userMap: userMap.map { try PidginOptions.loadMap(URL(fileURLWithPath: $0)) } ?? [:],
            timeZone: timezone.flatMap(TimeZone.init(identifier:)), dateOrder: dateOrder,
            since: common.sinceMillis, lenient: common.lenient)
        let progress = ProgressBar(quiet: common.quiet)
        let result = try PidginConversion.convert(roots: logDirs.map { URL(fileURLWithPath: $0) }, options: options,
                                                  exportOptions: common.exportOptions, output: common.outputURL,
                                                  progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        try common.finish(result)
    }
}

extension PidginDateOrder: ExpressibleByArgument {}
