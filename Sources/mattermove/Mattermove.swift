import ArgumentParser
import Foundation

/// The `mattermove` command: converters into Mattermost bulk-import packages, their validator, and
/// whole-server moves.
@main
struct Mattermove: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mattermove",
        abstract: "Move chat history and whole Mattermost servers into Mattermost.",
        discussion: """
            Converters write one Mattermost bulk-import package (a zip with import.jsonl first and files \
            under data/) that `mmctl import validate` and `mmctl import process` accept, plus a report of \
            everything skipped or changed. `validate` checks any package offline with Mattermost's rules.
            """,
        version: MattermoveVersion.current,
        subcommands: CommandList.all
    )

    /// Runs the parsed command; failures print as one line `error: …` (with what to do) on stderr.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            CommandFailure.exit(with: error, command: self)
        }
    }
}
