import ArgumentParser
import CSVSource
import Foundation
import SourceToolkit

/// `mattermove convert csv`: CSV files in Slack's import layout, or any layout with a mapping.
struct ConvertCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Convert CSV files (Slack's CSV import layout, or any layout with --mapping) into a Mattermost bulk-import package.",
        discussion: """
            Without --mapping the files are in Slack's CSV import layout: no header, "unix_ts","channel",\
            "username","text", backslash-escaped quotes, newlines inside quotes, then the optional columns \
            thread parent ts, attachment path, DM flag and DM members (;-separated). Files are streamed \
            (several GB are fine). A bad row stops the run with one line naming file, row and column; \
            --lenient skips and counts such rows instead. --max-json-element-size also bounds one row.
            """
    )

    @OptionGroup(title: "Input")
    var input: BespokeInputOptions

    @OptionGroup(title: "Conversion")
    var common: ConvertOptions

    @Option(help: "CSV separator: , ; or tab (default: the mapping's, else detected from the first row).")
    var delimiter: CSVDialect.Delimiter?

    func run() throws {
        try BespokeConversion.run(input.options(format: .csv, team: common.team, teamDisplayName: common.teamDisplayName,
                                                delimiter: delimiter, lenient: common.lenient, skipAttachments: common.skipAttachments,
                                                since: common.sinceMillis, maxRowBytes: common.maxJSONElementBytes),
                                  common: common)
    }
}
