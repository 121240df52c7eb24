import ArgumentParser
import Foundation
import SlackSource

/// `mattermove inspect slack`: what a Slack export holds and what a conversion will run into, without
/// writing a package.
struct InspectSlackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slack",
        abstract: "Summarise a Slack export and list the problems a conversion will meet (nothing is written)."
    )

    @Argument(help: "The Slack export: a .zip file or an unpacked folder.")
    var export: String

    @OptionGroup var output: InspectOutputOptions

    func run() throws {
        let progress = ProgressBar(quiet: output.quiet)
        let inspection = try SlackInspector.inspect(URL(fileURLWithPath: export), progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        if output.json { return try SummaryOutput.printJSON(inspection) }
        let i = inspection
        var out = "\(i.export): \(i.layout) Slack export"
        if !i.workspaces.isEmpty { out += " (workspaces: \(i.workspaces.joined(separator: ", ")))" }
        out += "\nusers: \(i.users.total) (\(i.users.bots) bots, \(i.users.guests) guests, \(i.users.deleted) deactivated, \(i.users.withoutEmail) without email)\n"
        out += "conversations: " + i.conversations.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        out += "messages: \(i.messages) (\(i.threadReplies) thread replies, \(i.reactions) reactions)"
        if let first = i.firstDay, let last = i.lastDay { out += ", \(first) to \(last)" }
        out += "\nby subtype: " + i.messagesBySubtype.sorted { $0.value > $1.value || $0.value == $1.value && $0.key < $1.key }
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        let f = i.files
        out += "files: \(f.referenced) referenced, \(f.present) in the export, \(f.missing) missing (--download-files fetches them), "
        out += "\(f.deletedOrHidden) deleted or hidden by Slack, \(f.accessDenied) without access, \(f.external) external links\n"
        let p = i.problems
        var problems: [String] = []
        if !p.usersWithoutEmail.isEmpty { problems.append("\(p.usersWithoutEmail.count) users without email (pass --default-email-domain): \(SummaryOutput.list(p.usersWithoutEmail))") }
        if !p.bots.isEmpty { problems.append("\(p.bots.count) bots (pass --bot-owner): \(SummaryOutput.list(p.bots))") }
        if !p.guests.isEmpty { problems.append("\(p.guests.count) guests (see --guest-handling): \(SummaryOutput.list(p.guests))") }
        if !p.usernameCollisions.isEmpty { problems.append("usernames that collide after normalisation (suffixed): \(p.usernameCollisions.map { $0.joined(separator: " / ") }.joined(separator: "; "))") }
        if !p.channelNameCollisions.isEmpty { problems.append("channel names that collide after normalisation (suffixed): \(p.channelNameCollisions.map { $0.joined(separator: " / ") }.joined(separator: "; "))") }
        if !p.unknownAuthors.isEmpty { problems.append("\(p.unknownAuthors.count) message authors missing from the user list (rebuilt from user_profile or deactivated placeholders): \(SummaryOutput.list(p.unknownAuthors))") }
        if !p.malformedFiles.isEmpty { problems.append("\(p.malformedFiles.count) malformed day files (conversion stops unless --lenient): \(SummaryOutput.list(p.malformedFiles))") }
        out += problems.isEmpty ? "problems: none found\n" : "problems:\n" + problems.map { "  - " + $0 }.joined(separator: "\n") + "\n"
        SummaryOutput.printText(out)
    }
}
