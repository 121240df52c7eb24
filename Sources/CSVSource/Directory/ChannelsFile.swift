import Foundation
import SourceToolkit

/// `--channels channels.csv`: one row per channel, header `name` plus any of `display_name`, `type`
/// (`public`/`private`), `header`, `purpose`, `members`, `admins` (usernames separated by the list
/// separator), `archived`.
struct ChannelDefinition: Equatable {
    var name: String
    var displayName: String?
    var isPrivate: Bool
    var header: String?
    var purpose: String?
    var members: [String]
    var admins: [String]
    var archived: Bool
}

enum ChannelsFile {
    static let columns = ["display_name", "type", "header", "purpose", "members", "admins", "archived"]

    static func load(_ url: URL, listSeparator: String) throws -> [ChannelDefinition] {
        var channels: [ChannelDefinition] = []
        var seen = Set<String>()
        func list(_ value: String?) -> [String] {
            (value ?? "").components(separatedBy: listSeparator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        try HeaderTable.read(url, required: "name", optional: columns) { values, record in
            let name = values["name"]!
            guard seen.insert(name).inserted else {
                throw CSVSourceError(file: url.lastPathComponent, row: record.row, line: record.line, column: "name", reason: "\"\(name)\" is listed twice")
            }
            let isPrivate: Bool
            switch values["type"]?.lowercased() {
            case nil, "public", "open", "o": isPrivate = false
            case "private", "p": isPrivate = true
            case let other?:
                throw CSVSourceError(file: url.lastPathComponent, row: record.row, line: record.line, column: "type",
                                     reason: "\"\(other)\": expected public or private")
            }
            channels.append(ChannelDefinition(name: name, displayName: values["display_name"], isPrivate: isPrivate,
                                              header: values["header"], purpose: values["purpose"], members: list(values["members"]),
                                              admins: list(values["admins"]), archived: HeaderTable.isTrue(values["archived"])))
        }
        return channels
    }
}
