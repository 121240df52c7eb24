import MattermostImport

// The source-agnostic intermediate model. A source reader (Slack, HipChat, XMPP, Pidgin, CSV) fills it
// through `MigrationStaging`; the exporter applies every Mattermost rule to it. Identifiers are the
// source's own (`U024BE7LH`, a JID, a row id); the core maps them to Mattermost names. Times are
// milliseconds since the Unix epoch.

/// A workspace or organisation; becomes a Mattermost team.
public struct SourceTeam: Sendable, Equatable {
    public var id: String
    /// Name wanted for the team (normalised by the core; the display name keeps the original).
    public var name: String
    public var displayName: String
    public var description: String?
    public var isOpen: Bool

    public init(id: String, name: String, displayName: String? = nil, description: String? = nil, isOpen: Bool = true) {
        self.id = id
        self.name = name
        self.displayName = displayName ?? name
        self.description = description
        self.isOpen = isOpen
    }
}

/// A person or bot of the source.
public struct SourceUser: Sendable, Equatable {
    public enum Role: String, Sendable, Equatable {
        case member, admin, guest
    }

    public var id: String
    /// Handle wanted as username (normalised by the core).
    public var username: String
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var nickname: String?
    public var position: String?
    public var locale: String?
    public var role: Role
    /// Deactivated in the source: exported with `delete_at`.
    public var deletedAt: Int64?
    /// Bots become `bot` lines owned by `botOwnerID` (or the run's `--bot-owner`).
    public var isBot: Bool
    public var botOwnerID: String?
    public var botDescription: String?
    /// Teams the user belongs to; `nil` means every team of the export.
    public var teamIDs: [String]?
    /// Profile picture, if the source ships one.
    public var profileImage: SourceFile?

    public init(id: String, username: String, email: String? = nil, firstName: String? = nil, lastName: String? = nil,
                nickname: String? = nil, position: String? = nil, locale: String? = nil, role: Role = .member,
                deletedAt: Int64? = nil, isBot: Bool = false, botOwnerID: String? = nil, botDescription: String? = nil,
                teamIDs: [String]? = nil, profileImage: SourceFile? = nil) {
        self.id = id
        self.username = username
        self.email = email
        self.firstName = firstName
        self.lastName = lastName
        self.nickname = nickname
        self.position = position
        self.locale = locale
        self.role = role
        self.deletedAt = deletedAt
        self.isBot = isBot
        self.botOwnerID = botOwnerID
        self.botDescription = botDescription
        self.teamIDs = teamIDs
        self.profileImage = profileImage
    }
}

/// A public or private channel of one team.
public struct SourceChannel: Sendable, Equatable {
    public var id: String
    public var teamID: String
    /// Name wanted for the channel (normalised by the core; the display name keeps the original).
    public var name: String
    public var displayName: String?
    public var isPrivate: Bool
    public var header: String?
    public var purpose: String?
    public var createdAt: Int64?
    /// Archived channels are exported with `deleted_at`.
    public var archivedAt: Int64?
    public var memberIDs: [String]
    public var adminIDs: [String]

    public init(id: String, teamID: String, name: String, displayName: String? = nil, isPrivate: Bool = false,
                header: String? = nil, purpose: String? = nil, createdAt: Int64? = nil, archivedAt: Int64? = nil,
                memberIDs: [String] = [], adminIDs: [String] = []) {
        self.id = id
        self.teamID = teamID
        self.name = name
        self.displayName = displayName
        self.isPrivate = isPrivate
        self.header = header
        self.purpose = purpose
        self.createdAt = createdAt
        self.archivedAt = archivedAt
        self.memberIDs = memberIDs
        self.adminIDs = adminIDs
    }
}

/// A direct conversation: one member (a self-DM), two (a DM) or more (a group message). Groups over
/// Mattermost's limit of 8 become private channels; conversations with the same members are merged.
public struct SourceDirectConversation: Sendable, Equatable {
    public var id: String
    public var memberIDs: [String]
    public var header: String?
    /// Name to use if the group has to become a private channel.
    public var name: String?

    public init(id: String, memberIDs: [String], header: String? = nil, name: String? = nil) {
        self.id = id
        self.memberIDs = memberIDs
        self.header = header
        self.name = name
    }
}

/// Where a file's bytes are: a path the reader's `SourceFileReader` understands (e.g. a zip entry).
public struct SourceFile: Sendable, Equatable, Codable {
    /// Stable identifier of the file in the source (used for the `data/<id>/<name>` path).
    public var id: String
    /// Original file name, kept as is (non-ASCII included).
    public var name: String
    /// Opaque locator handed back to the reader's `SourceFileReader`.
    public var locator: String
    public var size: Int64?

    public init(id: String, name: String, locator: String, size: Int64? = nil) {
        self.id = id
        self.name = name
        self.locator = locator
        self.size = size
    }
}

/// A reaction: one emoji by one or more users. `emoji` is a shortcode (`thumbsup`, `+1`,
/// `wave::skin-tone-3`) or a Unicode emoji; the core maps it to a Mattermost name.
public struct SourceReaction: Sendable, Equatable, Codable {
    public var emoji: String
    public var userIDs: [String]
    public var createdAt: Int64?

    public init(emoji: String, userIDs: [String], createdAt: Int64? = nil) {
        self.emoji = emoji
        self.userIDs = userIDs
        self.createdAt = createdAt
    }
}

/// One message of a channel or a direct conversation.
public struct SourceMessage: Sendable, Equatable {
    /// Unique within its conversation.
    public var id: String
    /// A channel id or a direct-conversation id.
    public var conversationID: String
    public var authorID: String
    /// Text already converted to Mattermost markdown by the reader.
    public var text: String
    public var createdAt: Int64
    /// The id of the thread's root message in the same conversation; `nil` for a root.
    public var threadRootID: String?
    public var editedAt: Int64?
    public var isPinned: Bool
    /// A Mattermost post type (`system_join_channel`, `me`, …); `nil` for a normal post.
    public var postType: String?
    public var props: JSONObject?
    public var reactions: [SourceReaction]
    public var files: [SourceFile]
    /// Users who saved (flagged) the message.
    public var flaggedByIDs: [String]

    public init(id: String, conversationID: String, authorID: String, text: String, createdAt: Int64,
                threadRootID: String? = nil, editedAt: Int64? = nil, isPinned: Bool = false, postType: String? = nil,
                props: JSONObject? = nil, reactions: [SourceReaction] = [], files: [SourceFile] = [],
                flaggedByIDs: [String] = []) {
        self.id = id
        self.conversationID = conversationID
        self.authorID = authorID
        self.text = text
        self.createdAt = createdAt
        self.threadRootID = threadRootID
        self.editedAt = editedAt
        self.isPinned = isPinned
        self.postType = postType
        self.props = props
        self.reactions = reactions
        self.files = files
        self.flaggedByIDs = flaggedByIDs
    }
}

/// A custom emoji and its image.
public struct SourceEmoji: Sendable, Equatable {
    public var name: String
    public var image: SourceFile

    public init(name: String, image: SourceFile) {
        self.name = name
        self.image = image
    }
}

/// Gives the exporter the bytes of a `SourceFile`, in chunks, from wherever the reader found it.
public protocol SourceFileReader: Sendable {
    func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws
}
