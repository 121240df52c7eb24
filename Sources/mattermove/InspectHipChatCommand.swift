import ArgumentParser
import Foundation
import HipChatSource

/// `mattermove inspect hipchat`: what a HipChat export holds, read exactly as `convert hipchat` reads it,
/// without writing a package.
struct InspectHipChatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hipchat",
        abstract: "Summarise a HipChat export and what a conversion will skip or change (nothing is written)."
    )

    @Argument(help: "The HipChat export: .tar.gz.aes, .tar.gz, .tar, a legacy .zip, or an unpacked folder.")
    var export: String

    @OptionGroup(title: "Password")
    var password: HipChatPasswordOptions

    @OptionGroup var output: InspectOutputOptions

    func run() throws {
        let progress = ProgressBar(quiet: output.quiet)
        let i = try HipChatConversion.inspect(export: URL(fileURLWithPath: export), password: password.password,
                                              progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        if output.json { return try SummaryOutput.printJSON(i) }
        var out = "\(i.export): \(i.input), layout \(i.layout)\n"
        out += "users: \(i.users) (\(i.guests) guests, \(i.deactivated) deactivated, \(i.withoutEmail) without email)\n"
        out += "rooms: \(i.rooms) (\(i.privateRooms) private, \(i.archivedRooms) archived); history files: \(i.historyFiles)\n"
        out += "messages: \(i.messages); 1:1 conversations: \(i.directConversations); files in the export: \(i.filesInExport); emoticons: \(i.emoticons)\n"
        func lines(_ title: String, _ counts: [String: Int]) -> String {
            counts.isEmpty ? "\(title): none\n"
                : "\(title):\n" + counts.sorted { $0.key < $1.key }.map { "  - \($0.value) \($0.key)" }.joined(separator: "\n") + "\n"
        }
        out += lines("skipped", i.skipped) + lines("changed", i.changed)
        SummaryOutput.printText(out)
    }
}
