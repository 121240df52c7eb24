/// One entry of `users.json` / `org_users.json`.
public struct SlackUser: Decodable, Sendable {
    public struct Profile: Decodable, Sendable {
        public var firstName: String?
        public var lastName: String?
        public var realName: String?
        public var displayName: String?
        public var email: String?
        public var title: String?
        public var botID: String?

        enum CodingKeys: String, CodingKey {
            case firstName = "first_name", lastName = "last_name", realName = "real_name", displayName = "display_name"
            case email, title, botID = "bot_id"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            firstName = c.lenient(String.self, .firstName)
            lastName = c.lenient(String.self, .lastName)
            realName = c.lenient(String.self, .realName)
            displayName = c.lenient(String.self, .displayName)
            email = c.lenient(String.self, .email)
            title = c.lenient(String.self, .title)
            botID = c.lenient(String.self, .botID)
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

    enum CodingKeys: String, CodingKey {
        case id, teamID = "team_id", name, realName = "real_name", deleted, isBot = "is_bot", isAppUser = "is_app_user"
        case isAdmin = "is_admin", isOwner = "is_owner", isRestricted = "is_restricted"
        case isUltraRestricted = "is_ultra_restricted", updated, locale, profile
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        teamID = c.lenient(String.self, .teamID)
        name = c.lenient(String.self, .name)
        realName = c.lenient(String.self, .realName)
        deleted = c.lenient(Bool.self, .deleted) ?? false
        isBot = c.lenient(Bool.self, .isBot) ?? false
        isAppUser = c.lenient(Bool.self, .isAppUser) ?? false
        isAdmin = c.lenient(Bool.self, .isAdmin) ?? false
        isOwner = c.lenient(Bool.self, .isOwner) ?? false
        isRestricted = c.lenient(Bool.self, .isRestricted) ?? false
        isUltraRestricted = c.lenient(Bool.self, .isUltraRestricted) ?? false
        updated = c.lenient(LenientInt64.self, .updated)?.value
        locale = c.lenient(String.self, .locale)
        profile = c.lenient(Profile.self, .profile) ?? Profile()
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
