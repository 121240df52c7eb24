import MattermostImport
import SourceToolkit

/// One entry of `users.json` / `org_users.json`.
public struct SlackUser: Sendable {
    public struct Profile: Sendable {
        public var firstName: String?
        public var lastName: String?
        public var realName: String?
        public var displayName: String?
        public var email: String?
        public var title: String?
        public var botID: String?

        /// Picks the fields out of a parsed profile; `nil` when it is not an object.
        public init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            firstName = c["first_name"]?.stringValue
            lastName = c["last_name"]?.stringValue
            realName = c["real_name"]?.stringValue
            displayName = c["display_name"]?.stringValue
            email = c["email"]?.stringValue
            title = c["title"]?.stringValue
            botID = c["bot_id"]?.stringValue
        }

        public init(firstName: String? = nil, lastName: String? = nil, realName: String? = nil, displayName: String? = nil,
                    email: String? = nil, title: String? = nil, botID: String? = nil) {
            self.firstName = firstName
            self.lastName = lastName
            self.realName = realName
            self.displayName = displayName
            self.email = email
            self.title = title
            self.botID = botID
        }
    }

    public var id: String
    public var teamID: String?
    public var name: String?
    public var realName: String?
    public var deleted: Bool
    public var isBot: Bool
    public var isAppUser: Bool
    public var isAdmin: Bool
    public var isOwner: Bool
    public var isRestricted: Bool
    public var isUltraRestricted: Bool
    /// Seconds since the epoch of the last profile change (Slack has no deactivation time; this is the best
    /// deterministic stand-in).
    public var updated: Int64?
    public var locale: String?
    public var profile: Profile

    public var isGuest: Bool { isRestricted || isUltraRestricted }

    /// Picks the fields out of a parsed list entry; `nil` when it is not an object with a string `id`.
    public init?(json: JSONValue) {
        guard case .object(let c) = json, let id = c["id"]?.stringValue else { return nil }
        self.id = id
        teamID = c["team_id"]?.stringValue
        name = c["name"]?.stringValue
        realName = c["real_name"]?.stringValue
        deleted = c["deleted"]?.boolValue ?? false
        isBot = c["is_bot"]?.boolValue ?? false
        isAppUser = c["is_app_user"]?.boolValue ?? false
        isAdmin = c["is_admin"]?.boolValue ?? false
        isOwner = c["is_owner"]?.boolValue ?? false
        isRestricted = c["is_restricted"]?.boolValue ?? false
        isUltraRestricted = c["is_ultra_restricted"]?.boolValue ?? false
        updated = c["updated"]?.lenientInt64
        locale = c["locale"]?.stringValue
        profile = c["profile"].flatMap(Profile.init(json:)) ?? Profile()
    }

    public init(id: String, name: String?, realName: String? = nil, deleted: Bool = false, isBot: Bool = false,
                isRestricted: Bool = false, profile: Profile = Profile()) {
        self.id = id
        self.teamID = nil
        self.name = name
        self.realName = realName
        self.deleted = deleted
        self.isBot = isBot
        self.isAppUser = false
        self.isAdmin = false
        self.isOwner = false
        self.isRestricted = isRestricted
        self.isUltraRestricted = false
        self.updated = nil
        self.locale = nil
        self.profile = profile
    }
}
