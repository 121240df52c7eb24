import ArgumentParser
import CSVSource
import Foundation
import SourceToolkit

/// The options `convert csv|jsonl` and `inspect csv|jsonl` share: the input files and how to read them.
struct BespokeInputOptions: ParsableArguments {
    @Argument(help: "The input files, read in the order given.")
    var files: [String]

    @Option(help: "YAML mapping of columns or JSON paths to message parts (see Examples/bespoke/mapping.yaml).")
    var mapping: String?

    @Option(help: "CSV of users (header: username, email, display_name, first_name, last_name, nickname, position, role, deleted).")
    var users: String?

    @Option(help: "CSV of channels (header: name, display_name, type, header, purpose, members, admins, archived).")
    var channels: String?

    @Option(help: "Folder that attachment paths are relative to (default: the folder of the first input file).")
    var filesRoot: String?

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one input file") }
    }

    /// The mapping file's mapping, or Slack's CSV import layout without one.
    func loadMapping() throws -> BespokeMapping {
        try mapping.map { try MappingLoader.load(URL(fileURLWithPath: $0)) } ?? .slackLayout
    }

    func options(format: BespokeFormat, team: String, teamDisplayName: String? = nil, delimiter: CSVDialect.Delimiter?,
                 lenient: Bool, skipAttachments: Bool = false, since: Int64? = nil, maxRowBytes: Int) throws -> BespokeOptions {
        BespokeOptions(format: format, files: files.map { URL(fileURLWithPath: $0) }, teamName: team, teamDisplayName: teamDisplayName,
                       mapping: try loadMapping(), usersFile: users.map { URL(fileURLWithPath: $0) },
                       channelsFile: channels.map { URL(fileURLWithPath: $0) }, filesRoot: filesRoot.map { URL(fileURLWithPath: $0) },
                       delimiter: delimiter, lenient: lenient, skipAttachments: skipAttachments, since: since, maxRowBytes: maxRowBytes)
    }
}

extension CSVDialect.Delimiter: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case ",", "comma": self = .comma
        case ";", "semicolon": self = .semicolon
        case "tab", "\t": self = .tab
        default: return nil
        }
    }

    public static var allValueStrings: [String] { [",", ";", "tab"] }
}

/// The conversion both bespoke commands run.
enum BespokeConversion {
    static func run(_ options: BespokeOptions, common: ConvertOptions) throws {
        let progress = ProgressBar(quiet: common.quiet)
        let report = try ConversionRunner.run(BespokeReader(options: options), output: common.outputURL, options: common.exportOptions,
                                              progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        try common.finish(report)
    }
}
