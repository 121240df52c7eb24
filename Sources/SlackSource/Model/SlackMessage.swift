import MattermostImport
import SourceToolkit

/// One message of a day file. Only the fields the converter uses are decoded; unknown fields are ignored
/// and fields of an unexpected shape decode as absent rather than failing the day file.
public struct SlackMessage: Sendable {
    public struct Reaction: Sendable {
        public var name: String
        public var users: [String]

        /// `nil` when the reaction is not an object.
        public init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            name = c["name"]?.stringValue ?? ""
            users = c["users"]?.stringArray ?? []
        }
    }

    public struct Edited: Sendable {
        public var user: String?
        public var ts: String?

        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            user = c["user"]?.stringValue
            ts = c["ts"]?.lenientString
        }
    }

    /// The embedded author profile of newer exports; rebuilds users missing from `users.json`.
    public struct UserProfile: Sendable {
        public var name: String?
        public var realName: String?
        public var displayName: String?
        public var firstName: String?
        public var isRestricted: Bool
        public var isUltraRestricted: Bool

        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            name = c["name"]?.stringValue
            realName = c["real_name"]?.stringValue
            displayName = c["display_name"]?.stringValue
            firstName = c["first_name"]?.stringValue
            isRestricted = c["is_restricted"]?.boolValue ?? false
            isUltraRestricted = c["is_ultra_restricted"]?.boolValue ?? false
        }
    }

    /// `file_comment` (legacy): the comment's author and text.
    public struct Comment: Sendable {
        public var user: String?
        public var comment: String?

        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            user = c["user"]?.stringValue
            comment = c["comment"]?.stringValue
        }
    }

    /// A huddle (`huddle_thread`).
    public struct Room: Sendable {
        public var createdBy: String?
        public var dateStart: Int64?
        public var dateEnd: Int64?
        public var name: String?
        public var participants: [String]

        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            createdBy = c["created_by"]?.stringValue
            dateStart = c["date_start"]?.lenientInt64
            dateEnd = c["date_end"]?.lenientInt64
            name = c["name"]?.stringValue
            participants = c["participants"]?.stringArray ?? []
        }
    }

    public struct BotProfile: Sendable {
        public var name: String?

        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            name = c["name"]?.stringValue
        }
    }

    public struct Icons: Sendable {
        public var image: String?

        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            image = c["image_72"]?.stringValue ?? c["image_48"]?.stringValue ?? c["image_36"]?.stringValue
        }
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

    /// String repairs the parser made in this message's JSON (invalid escapes kept literally, lone
    /// surrogates as U+FFFD, raw control characters kept), reported by the reader.
    public var jsonRepairs = 0

    /// Picks the fields out of a parsed message in one pass over its members (the converter's hot
    /// spot); `nil` when it is not an object. Fields of an unexpected shape are absent. Blocks are only
    /// rendered when `text` is empty, and embedded profiles only matter for authors missing from
    /// `users.json` (`knownUsers`), so they are not converted otherwise. `jsonRepairs`: see the property.
    public init?(json: JSONValue, knownUsers: Set<String> = [], jsonRepairs: Int = 0) {
        guard case .object(let object) = json else { return nil }
        self.jsonRepairs = jsonRepairs
        var blocks: JSONValue?
        var profile: JSONValue?
        for (key, value) in object.members {
            guard let field = Field(key) else { continue }
            switch field {
            case .type: type = value.stringValue
            case .subtype: subtype = value.stringValue
            case .user: user = value.stringValue
            case .botID: botID = value.stringValue
            case .username: username = value.stringValue
            case .text: text = value.stringValue
            case .ts: ts = value.lenientString
            case .threadTS: threadTS = value.lenientString
            case .latestReply: latestReply = value.lenientString
            case .edited: edited = Edited(json: value)
            case .pinnedTo: pinnedTo = value.stringArray
            case .reactions: reactions = value.lenientArray(Reaction.init(json:))
            case .files: files = value.lenientArray(SlackFile.init(json:))
            case .file: file = SlackFile(json: value)
            case .attachments: attachments = value.lenientArray { SlackJSON(json: $0) }
            case .blocks: blocks = value
            case .userProfile: profile = value
            case .comment: comment = Comment(json: value)
            case .room: room = Room(json: value)
            case .botProfile: botProfile = BotProfile(json: value)
            case .icons: icons = Icons(json: value)
            case .topic: topic = value.stringValue
            case .purpose: purpose = value.stringValue
            case .name: name = value.stringValue
            case .oldName: oldName = value.stringValue
            case .team: team = value.stringValue
            }
        }
        if let blocks, text?.isEmpty ?? true { self.blocks = blocks.lenientArray(SlackBlock.init(json:)) }
        if let profile, !(user.map(knownUsers.contains) ?? false) { userProfile = UserProfile(json: profile) }
    }

    /// What a day file's parse leaves out of each message: keys never read, and `blocks` and
    /// `user_profile`, which are read only when `text` is empty or the author is not in `users.json` (in
    /// which case the message is parsed again whole). They are most of a message's bytes and trees.
    static func skipping(knownUsers: Set<String>) -> JSONMemberSkipping {
        JSONMemberSkipping(keys: ["blocks", "user_profile", "client_msg_id", "user_team", "source_team", "replies", "reply_users"]) { json in
            guard let text = json["text"]?.stringValue, !text.isEmpty else { return true }
            guard let user = json["user"]?.stringValue else { return true }
            return !knownUsers.contains(user)
        }
    }

    /// The message keys the converter reads. Found by length first, so a key costs a few comparisons
    /// instead of one per known field (a message has ~20 keys, most of them unused).
    private enum Field {
        case type, subtype, user, botID, username, text, ts, threadTS, latestReply, edited, pinnedTo, reactions
        case files, file, attachments, blocks, userProfile, comment, room, botProfile, icons, topic, purpose, name
        case oldName, team

        init?(_ key: String) {
            switch key.utf8.count {
            case 2: if key == "ts" { self = .ts } else { return nil }
            case 4:
                switch key {
                case "text": self = .text
                case "user": self = .user
                case "type": self = .type
                case "team": self = .team
                case "file": self = .file
                case "name": self = .name
                case "room": self = .room
                default: return nil
                }
            case 5:
                switch key {
                case "files": self = .files
                case "icons": self = .icons
                case "topic": self = .topic
                default: return nil
                }
            case 6:
                switch key {
                case "blocks": self = .blocks
                case "edited": self = .edited
                case "bot_id": self = .botID
                default: return nil
                }
            case 7:
                switch key {
                case "subtype": self = .subtype
                case "comment": self = .comment
                case "purpose": self = .purpose
                default: return nil
                }
            case 8:
                switch key {
                case "username": self = .username
                case "old_name": self = .oldName
                default: return nil
                }
            case 9:
                switch key {
                case "thread_ts": self = .threadTS
                case "reactions": self = .reactions
                case "pinned_to": self = .pinnedTo
                default: return nil
                }
            case 11:
                switch key {
                case "attachments": self = .attachments
                case "bot_profile": self = .botProfile
                default: return nil
                }
            case 12:
                switch key {
                case "user_profile": self = .userProfile
                case "latest_reply": self = .latestReply
                default: return nil
                }
            default: return nil
            }
        }
    }
}
