import Foundation
import SourceToolkit

/// How `convert pidgin` reads log trees: the team, who is who, and the locale facts logs do not record.
public struct PidginOptions: Sendable {
    public var teamName: String
    public var teamDisplayName: String?
    /// Logging accounts (`alice@example.com`, an AIM screen name) → the Mattermost user who owns them.
    public var ownerMap: [String: PidginMappedUser]
    /// Buddy names, aliases and room nicknames → Mattermost users.
    public var userMap: [String: PidginMappedUser]
    /// The zone of file names without a UTC offset (Gaim-era names); UTC when not given.
    public var timeZone: TimeZone?
    /// Forces the numeric date order of every file (otherwise detected per file).
    public var dateOrder: PidginDateOrder?
    /// Messages before this time (UTC milliseconds) are skipped (`--since`).
    public var since: Int64?
    /// Skip and report unreadable files and unknown lines instead of stopping.
    public var lenient: Bool

    public init(teamName: String, teamDisplayName: String? = nil, ownerMap: [String: PidginMappedUser] = [:],
                userMap: [String: PidginMappedUser] = [:], timeZone: TimeZone? = nil, dateOrder: PidginDateOrder? = nil,
                since: Int64? = nil, lenient: Bool = false) {
        self.teamName = teamName
        self.teamDisplayName = teamDisplayName
        self.ownerMap = ownerMap
        self.userMap = userMap
        self.timeZone = timeZone
        self.dateOrder = dateOrder
        self.since = since
        self.lenient = lenient
    }

    /// Reads `--owner-map`/`--user-map` (a `UserMapFile`: `name,username[,email]`, header optional); every
    /// row needs a username. Names match case-insensitively.
    public static func loadMap(_ url: URL) throws -> [String: PidginMappedUser] {
        var map: [String: PidginMappedUser] = [:]
        for (name, entry) in try UserMapFile(contentsOf: url).entries {
            guard let username = entry.username else {
                throw PidginSourceError.invalidOption("\(url.path): '\(name)': expected name,username[,email]")
            }
            map[name.lowercased()] = PidginMappedUser(username: username, email: entry.email)
        }
        return map
    }
}

/// A Mattermost user a log name maps to.
public struct PidginMappedUser: Sendable, Equatable {
    public var username: String
    public var email: String?

    public init(username: String, email: String? = nil) {
        self.username = username
        self.email = email
    }
}
