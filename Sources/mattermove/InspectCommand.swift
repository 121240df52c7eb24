import ArgumentParser

/// `mattermove inspect <source>`: what a conversion will meet, without writing a package.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise an export and the problems a conversion will meet, without writing a package.",
        subcommands: [InspectSlackCommand.self, InspectXMPPCommand.self, InspectHipChatCommand.self, InspectPidginCommand.self, InspectCSVCommand.self, InspectJSONLCommand.self]
    )
}
