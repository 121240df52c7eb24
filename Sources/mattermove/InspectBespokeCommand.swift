import ArgumentParser
import CSVSource
import Foundation
import SourceToolkit

/// `mattermove inspect csv` and `inspect jsonl`: the columns found, a few rows as the mapping reads
/// them, and the problems a conversion will meet (nothing is written).
struct InspectCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "csv",
        abstract: "Show the columns, sample rows as mapped, and the problems of CSV files (nothing is written)."
    )

    @OptionGroup var input: BespokeInputOptions

    @Option(help: "CSV separator: , ; or tab (default: the mapping's, else detected).")
    var delimiter: CSVDialect.Delimiter?

    @OptionGroup var output: InspectOutputOptions

    func run() throws {
        try BespokeInspectionPrinter.print(BespokeInspector.inspect(input.options(format: .csv, team: "inspect", delimiter: delimiter,
                                                                                  lenient: true, maxRowBytes: 64 << 20)), json: output.json)
    }
}

struct InspectJSONLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Show the keys, sample rows as mapped, and the problems of JSON Lines files (nothing is written)."
    )

    @OptionGroup var input: BespokeInputOptions

    @OptionGroup var output: InspectOutputOptions

    func validate() throws {
        if input.mapping == nil { throw ValidationError("inspect jsonl needs --mapping mapping.yaml") }
    }

    func run() throws {
        try BespokeInspectionPrinter.print(BespokeInspector.inspect(input.options(format: .jsonl, team: "inspect", delimiter: nil,
                                                                                  lenient: true, maxRowBytes: 64 << 20)), json: output.json)
    }
}

enum BespokeInspectionPrinter {
    static func print(_ i: BespokeInspection, json: Bool) throws {
        if json { return try SummaryOutput.printJSON(i) }
        var out = ""
        for file in i.files {
            out += "\(file.name): \(file.rows) rows (\(file.badRows) bad)" + (file.delimiter.map { ", separator \($0)" } ?? "") + "\n"
            out += "  columns: " + (file.columns.isEmpty ? "(none)" : file.columns.joined(separator: ", ")) + "\n"
        }
        out += "messages: \(i.messages), users: \(i.users), channels: \(i.channels), direct conversations: \(i.directConversations), attachments: \(i.attachments)\n"
        out += "sample rows as mapped:\n"
        for s in i.samples {
            out += "  \(s.location): \(s.time) \(s.conversation) <\(s.user)> \(s.text.debugDescription)"
            if let id = s.messageID { out += " id=\(id)" }
            if let parent = s.threadParentID { out += " parent=\(parent)" }
            if !s.attachments.isEmpty { out += " files=\(s.attachments.joined(separator: ","))" }
            if s.reactions > 0 { out += " reactions=\(s.reactions)" }
            out += "\n"
        }
        var problems: [String] = []
        if i.badRowCount > 0 { problems.append("\(i.badRowCount) bad rows (conversion stops at the first unless --lenient):\n" + i.badRows.map { "      " + $0 }.joined(separator: "\n")) }
        if i.missingAttachmentCount > 0 { problems.append("\(i.missingAttachmentCount) attachments missing (skipped and reported):\n" + i.missingAttachments.map { "      " + $0 }.joined(separator: "\n")) }
        if i.unknownUserCount > 0 { problems.append("\(i.unknownUserCount) people not in --users (become deactivated placeholders): " + i.unknownUsers.joined(separator: ", ")) }
        if !i.channelTypeConflicts.isEmpty { problems.append("channels whose rows give different types (first kept): " + i.channelTypeConflicts.joined(separator: ", ")) }
        out += problems.isEmpty ? "problems: none found\n" : "problems:\n" + problems.map { "  - " + $0 }.joined(separator: "\n") + "\n"
        SummaryOutput.printText(out)
    }
}
