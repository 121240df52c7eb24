import Foundation
import MigrationCore
import SourceToolkit

/// `--users users.csv`: one row per person, header `username` plus any of `email`, `display_name`,
/// `first_name`, `last_name`, `nickname`, `position`, `role` (`member`, `admin`, `guest`), `deleted`.
/// A display name without first/last names is split at its last space.
enum UsersFile {
    static let columns = ["email", "display_name", "first_name", "last_name", "nickname", "position", "role", "deleted"]

    static func load(_ url: URL) throws -> [SourceUser] {
        var users: [SourceUser] = []
        var seen = Set<String>()
        try HeaderTable.read(url, required: "username", optional: columns) { values, record in
            let username = values["username"]!
            guard seen.insert(username).inserted else {
                throw CSVSourceError(file: url.lastPathComponent, row: record.row, line: record.line, column: "username", reason: "\"\(username)\" is listed twice")
            }
            let role: SourceUser.Role
            switch values["role"]?.lowercased() {
            case nil, "member", "user": role = .member
            case "admin", "system_admin", "team_admin": role = .admin
            case "guest": role = .guest
            case let other?:
                throw CSVSourceError(file: url.lastPathComponent, row: record.row, line: record.line, column: "role",
                                     reason: "\"\(other)\": expected member, admin or guest")
            }
            var first = values["first_name"], last = values["last_name"]
            if first == nil && last == nil, let display = values["display_name"] {
                if let space = display.lastIndex(of: " ") {
                    first = String(display[..<space])
                    last = String(display[display.index(after: space)...])
                } else {
                    first = display
                }
            }
            users.append(SourceUser(id: username, username: username, email: values["email"], firstName: first, lastName: last,
                                    nickname: values["nickname"], position: values["position"], role: role,
                                    deletedAt: HeaderTable.isTrue(values["deleted"]) ? 1 : nil))
        }
        return users
    }
}
