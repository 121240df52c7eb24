/// Where things are in a HipChat export (spec §1.3), relative to its root.
enum HipChatPaths {
    /// Names that can start a path at the export root; any other first folder is a wrapper
    /// (`data/`, `hipchat_export/`) and is dropped.
    static let rootNames: Set<Substring> = ["metadata.json", "users.json", "rooms.json", "emoticons.json", "emoticons",
                                            "rooms", "users", "files"]

    /// `path` relative to the export root.
    static func relative(_ path: String) -> String {
        guard let slash = path.firstIndex(of: "/"), !rootNames.contains(path[..<slash]) else { return path }
        return String(path[path.index(after: slash)...])
    }

    enum Role: Equatable {
        case users, rooms, emoticons, metadata
        /// Layout C's `users/list.json` and `rooms/list.json`.
        case legacyUsers, legacyRooms
        case roomHistory(roomID: String)
        case userHistory(userID: String)
        /// Layout C: `rooms/<Room Name>/<YYYY-MM-DD>.json`.
        case legacyDay(roomName: String)
        /// Attachments, emoticon images, avatars.
        case file
        case other
    }

    static func role(of relative: String) -> Role {
        switch relative {
        case "users.json": return .users
        case "rooms.json": return .rooms
        case "emoticons.json": return .emoticons
        case "metadata.json": return .metadata
        case "users/list.json": return .legacyUsers
        case "rooms/list.json": return .legacyRooms
        default: break
        }
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[2] == "history.json" {
            if parts[0] == "rooms" { return .roomHistory(roomID: String(parts[1])) }
            if parts[0] == "users" { return .userHistory(userID: String(parts[1])) }
        }
        if parts.count == 3, parts[0] == "rooms", parts[2].hasSuffix(".json"), parts[2].count == 15 {
            return .legacyDay(roomName: String(parts[1]))
        }
        if parts.count >= 3, parts[0] == "rooms" || parts[0] == "users", parts[2] == "files" || parts[2] == "avatars" || parts[1] == "files" {
            return .file
        }
        if parts.first == "emoticons" || parts.first == "files" { return .file }
        return .other
    }
}
