import ArgumentParser

/// The `mattermove` command: converters into Mattermost bulk-import packages, their validator, and
/// whole-server moves.
@main
struct Mattermove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mattermove",
        abstract: "Move chat history and whole Mattermost servers into Mattermost.",
        version: MattermoveVersion.current,
        subcommands: []
    )
}
