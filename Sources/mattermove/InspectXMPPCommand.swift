import ArgumentParser
import Foundation
import XMPPSource

/// `mattermove inspect xmpp`: what an XMPP server's archive holds and what a conversion will meet.
struct InspectXMPPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xmpp",
        abstract: "Summarise an XMPP server's message archive and the problems a conversion will meet (nothing is written)."
    )

    @OptionGroup var input: XMPPInputOptions

    @OptionGroup var output: InspectOutputOptions

    func run() throws {
        let progress = ProgressBar(quiet: output.quiet)
        let i = try XMPPInspector.inspect(try input.open(), database: input.inputName,
                                          options: XMPPOptions(teamName: "inspect", domain: input.domain),
                                          progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        if output.json { return try SummaryOutput.printJSON(i) }
        var out = "\(i.database): \(i.server) archive, \(i.rows) rows → \(i.messages) messages"
        if let first = i.firstDay, let last = i.lastDay { out += ", \(first) to \(last)" }
        out += "\nusers: \(i.users), \(i.usersWithoutDomain.count) without a domain"
        out += i.usersWithoutDomain.isEmpty ? "\n" : (input.domain == nil ? " (pass --domain): " : " (given --domain): ") + SummaryOutput.list(i.usersWithoutDomain) + "\n"
        out += "conversations: " + i.conversations.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ") + "\n"
        out += "duplicate copies of 1:1 messages: \(i.duplicateCopies)\n"
        out += "rows that are no post:" + (i.skippedByReason.isEmpty ? " none\n" : "\n" + i.skippedByReason
            .sorted { $0.value > $1.value || $0.value == $1.value && $0.key < $1.key }
            .map { "  \($0.value) \($0.key)" }.joined(separator: "\n") + "\n")
        if !i.malformedRows.isEmpty {
            out += "malformed rows (conversion stops unless --lenient): \(SummaryOutput.list(i.malformedRows))\n"
        }
        SummaryOutput.printText(out)
    }
}
