import ArgumentParser
import Foundation
import PidginSource

/// `mattermove inspect pidgin`: what Pidgin log trees hold and what a conversion will meet, without
/// writing a package.
struct InspectPidginCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pidgin",
        abstract: "Summarise Pidgin/Gaim log folders: counts, date range, rooms, duplicate copies, unparseable lines (nothing is written)."
    )

    @Argument(help: "Log folders (~/.purple/logs or ~/.purple), one per person.")
    var logDirs: [String]

    @Option(help: "CSV account,username[,email] (as for convert).")
    var ownerMap: String?

    @Option(help: "CSV name,username[,email] (as for convert).")
    var userMap: String?

    @Option(help: "Zone of file names without a UTC offset (default: UTC).")
    var timezone: String?

    @Option(help: "Numeric date order: mdy, dmy or ymd (default: detected per file).")
    var dateOrder: PidginDateOrder?

    @OptionGroup var output: InspectOutputOptions

    func run() throws {
        let options = try PidginOptions(
            teamName: "inspect",
            ownerMap: ownerMap.map { try PidginOptions.loadMap(URL(fileURLWithPath: $0)) } ?? [:],
            userMap: userMap.map { try PidginOptions.loadMap(URL(fileURLWithPath: $0)) } ?? [:],
            timeZone: timezone.flatMap(TimeZone.init(identifier:)), dateOrder: dateOrder)
        let progress = ProgressBar(quiet: output.quiet)
        let i = try PidginInspector.inspect(roots: logDirs.map { URL(fileURLWithPath: $0) }, options: options,
                                            progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        if output.json { return try SummaryOutput.printJSON(i) }
        var out = "\(i.trees.joined(separator: ", ")): \(i.logFiles) log files, \(i.otherFiles) other files, \(i.unreadableFiles) unreadable\n"
        out += "conversations: \(SummaryOutput.counts(i.conversations)); \(i.mergedConversations) logged by more than one account (merged)\n"
        if !i.rooms.isEmpty { out += "rooms: \(i.rooms.prefix(20).joined(separator: ", "))\(i.rooms.count > 20 ? ", …" : "")\n" }
        out += "lines: \(i.linesIn); posts: \(SummaryOutput.counts(i.posts))"
        if let first = i.firstDay, let last = i.lastDay { out += ", \(first) to \(last)" }
        out += "\nskipped: \(SummaryOutput.counts(i.skipped))\n"
        out += "duplicate copies found: \(i.duplicateCopies); unparseable lines: \(i.unparseableLines); senders guessed: \(i.guessedSenders)\n"
        for problem in i.problems { out += "  - \(problem)\n" }
        SummaryOutput.printText(out)
    }
}
