import ArgumentParser
import CSVSource
import Foundation

/// `mattermove convert jsonl`: JSON Lines files (one object per line) with a mapping.
struct ConvertJSONLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Convert JSON Lines files (one object per line, read through --mapping) into a Mattermost bulk-import package.",
        discussion: """
            The mapping names JSON paths (user.name, files.0.path) for each message part. Files are \
            streamed one line at a time. A bad line stops the run with one line naming file, line and \
            field; --lenient skips and counts such lines instead. --max-json-element-size bounds one line.
            """
    )

    @OptionGroup(title: "Input")
    var input: BespokeInputOptions

    @OptionGroup(title: "Conversion")
    var common: ConvertOptions

    func validate() throws {
        if input.mapping == nil { throw ValidationError("convert jsonl needs --mapping mapping.yaml") }
    }

    func run() throws {
        try BespokeConversion.run(input.options(format: .jsonl, team: common.team, teamDisplayName: common.teamDisplayName,
                                                delimiter: nil, lenient: common.lenient, skipAttachments: common.skipAttachments,
                                                since: common.sinceMillis, maxRowBytes: common.maxJSONElementBytes),
                                  common: common)
    }
}
