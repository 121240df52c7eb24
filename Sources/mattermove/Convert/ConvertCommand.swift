import ArgumentParser

/// `mattermove convert <source>`: one subcommand per source reader.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an export of another chat system into a Mattermost bulk-import package.",
        subcommands: [ConvertSlackCommand.self, ConvertXMPPCommand.self, ConvertHipChatCommand.self, ConvertPidginCommand.self, ConvertCSVCommand.self, ConvertJSONLCommand.self]
    )
}
