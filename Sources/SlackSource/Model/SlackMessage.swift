/// One message of a day file. Only the fields the converter uses are decoded; unknown fields are ignored
/// and fields of an unexpected shape decode as absent rather than failing the day file.
public struct SlackMessage: Decodable, Sendable {
    public struct Reaction: Decodable, Sendable {
        public var name: String
        public var users: [String]

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = c.lenient(String.self, .name) ?? ""
            users = c.lenient([String].self, .users) ?? []
        }

        enum CodingKeys: String, CodingKey { case name, users }
    }

    public struct Edited: Decodable, Sendable {
        public var user: String?
        public var ts: String?

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            user = c.lenient(String.self, .user)
            ts = c.lenient(LenientString.self, .ts)?.value
        }

        enum CodingKeys: String, CodingKey { case user, ts }
    }

    /// The embedded author profile of newer exports; rebuilds users missing from `users.json`.
    public struct UserProfile: Decodable, Sendable {
        public var name: String?
        public var realName: String?
        public var displayName: String?
        public var firstName: String?
        public var isRestricted: Bool
        public var isUltraRestricted: Bool

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = c.lenient(String.self, .name)
            realName = c.lenient(String.self, .realName)
            displayName = c.lenient(String.self, .displayName)
            firstName = c.lenient(String.self, .firstName)
            isRestricted = c.lenient(Bool.self, .isRestricted) ?? false
            isUltraRestricted = c.lenient(Bool.self, .isUltraRestricted) ?? false
        }

        enum CodingKeys: String, CodingKey {
            case name, realName = "real_name", displayName = "display_name", firstName = "first_name"
            case isRestricted = "is_restricted", isUltraRestricted = "is_ultra_restricted"
        }
    }

    /// `file_comment` (legacy): the comment's author and text.
    public struct Comment: Decodable, Sendable {
        public var user: String?
        public var comment: String?

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            user = c.lenient(String.self, .user)
            comment = c.lenient(String.self, .comment)
        }

        enum CodingKeys: String, CodingKey { case user, comment }
    }

    /// A huddle (`huddle_thread`).
    public struct Room: Decodable, Sendable {
        public var createdBy: String?
        public var dateStart: Int64?
        public var dateEnd: Int64?
        public var name: String?
        public var participants: [String]

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            createdBy = c.lenient(String.self, .createdBy)
            dateStart = c.lenient(LenientInt64.self, .dateStart)?.value
            dateEnd = c.lenient(LenientInt64.self, .dateEnd)?.value
            name = c.lenient(String.self, .name)
            participants = c.lenient([String].self, .participants) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case createdBy = "created_by", dateStart = "date_start", dateEnd = "date_end", name, participants
        }
    }

    public struct BotProfile: Decodable, Sendable {
        public var name: String?
        public init(from decoder: Decoder) throws {
            name = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .name)
        }
        enum CodingKeys: String, CodingKey { case name }
    }

    public struct Icons: Decodable, Sendable {
        public var image: String?
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            image = c.lenient(String.self, .image72) ?? c.lenient(String.self, .image48) ?? c.lenient(String.self, .image36)
        }
        enum CodingKeys: String, CodingKey { case image72 = "image_72", image48 = "image_48", image36 = "image_36" }
    }

    public var type: String?
    public var subtype: String?
    public var user: String?
    public var botID: String?
    /// Display-name override of bot and webhook messages.
    public var username: String?
    public var text: String?
    public var ts: String?
    public var threadTS: String?
    public var latestReply: String?
    public var edited: Edited?
    public var pinnedTo: [String]?
    public var reactions: [Reaction]?
    public var files: [SlackFile]?
    public var file: SlackFile?
    var attachments: [SlackJSON]?
    public var blocks: [SlackBlock]?
    public var userProfile: UserProfile?
    public var comment: Comment?
    public var room: Room?
    public var botProfile: BotProfile?
    public var icons: Icons?
    /// Channel-event fields: new topic/purpose/name, previous name.
    public var topic: String?
    public var purpose: String?
    public var name: String?
    public var oldName: String?
    /// The originating workspace (`T…`), in Enterprise Grid exports.
    public var team: String?

    enum CodingKeys: String, CodingKey {
        case type, subtype, user, botID = "bot_id", username, text, ts, threadTS = "thread_ts", latestReply = "latest_reply"
        case edited, pinnedTo = "pinned_to", reactions, files, file, attachments, blocks, userProfile = "user_profile"
        case comment, room, botProfile = "bot_profile", icons, topic, purpose, name, oldName = "old_name", team
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // One pass over the keys present (most messages have few of the fields below), instead of a
        // lookup per known field: decoding is the converter's hot spot.
        var hasBlocks = false
        var hasProfile = false
        for key in c.allKeys {
            switch key {
            case .type: type = try? c.decode(String.self, forKey: key)
            case .subtype: subtype = try? c.decode(String.self, forKey: key)
            case .user: user = try? c.decode(String.self, forKey: key)
            case .botID: botID = try? c.decode(String.self, forKey: key)
            case .username: username = try? c.decode(String.self, forKey: key)
            case .text: text = try? c.decode(String.self, forKey: key)
            case .ts: ts = (try? c.decode(LenientString.self, forKey: key))?.value
            case .threadTS: threadTS = (try? c.decode(LenientString.self, forKey: key))?.value
            case .latestReply: latestReply = (try? c.decode(LenientString.self, forKey: key))?.value
            case .edited: edited = try? c.decode(Edited.self, forKey: key)
            case .pinnedTo: pinnedTo = try? c.decode([String].self, forKey: key)
            case .reactions: reactions = try? c.decode([Reaction].self, forKey: key)
            case .files: files = try? c.decode([SlackFile].self, forKey: key)
            case .file: file = try? c.decode(SlackFile.self, forKey: key)
            case .attachments: attachments = try? c.decode([SlackJSON].self, forKey: key)
            case .blocks: hasBlocks = true
            case .userProfile: hasProfile = true
            case .comment: comment = try? c.decode(Comment.self, forKey: key)
            case .room: room = try? c.decode(Room.self, forKey: key)
            case .botProfile: botProfile = try? c.decode(BotProfile.self, forKey: key)
            case .icons: icons = try? c.decode(Icons.self, forKey: key)
            case .topic: topic = try? c.decode(String.self, forKey: key)
            case .purpose: purpose = try? c.decode(String.self, forKey: key)
            case .name: name = try? c.decode(String.self, forKey: key)
            case .oldName: oldName = try? c.decode(String.self, forKey: key)
            case .team: team = try? c.decode(String.self, forKey: key)
            }
        }
        // Blocks are only rendered when `text` is empty, and embedded profiles only matter for authors
        // missing from users.json: skipping them otherwise saves a large part of the decoding time.
        if hasBlocks, text?.isEmpty ?? true { blocks = try? c.decode([SlackBlock].self, forKey: .blocks) }
        if hasProfile {
            let known = (decoder.userInfo[.slackKnownUsers] as? KnownUsers).map { known in user.map(known.ids.contains) ?? false } ?? false
            if !known { userProfile = try? c.decode(UserProfile.self, forKey: .userProfile) }
        }
    }
}

/// The user ids of `users.json`, handed to the day-file decoder (`JSONDecoder.userInfo`) so it can skip
/// the embedded profiles of known authors.
final class KnownUsers: Sendable {
    let ids: Set<String>
    init(_ ids: Set<String>) { self.ids = ids }
}

extension CodingUserInfoKey {
    static let slackKnownUsers = CodingUserInfoKey(rawValue: "slackKnownUsers")!
}
