/// `post` line (spec §11): a channel root post with nested replies, reactions and attachments.
public struct PostImport: Sendable, Equatable, JSONWritable, PostFields {
    public var team: String?
    public var channel: String?
    public var user: String?
    public var type: String?
    public var message: String?
    public var props: JSONObject?
    public var createAt: Int64?
    public var editAt: Int64?
    public var flaggedBy: [String]?
    public var replies: [ReplyImport]?
    public var reactions: [ReactionImport]?
    public var attachments: [AttachmentImport]?
    public var isPinned: Bool?
    public var threadFollowers: [ThreadFollowerImport]?

    public init(team: String? = nil, channel: String? = nil, user: String? = nil, message: String? = nil,
                createAt: Int64? = nil) {
        self.team = team
        self.channel = channel
        self.user = user
        self.message = message
        self.createAt = createAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("team", team)
        w.field("channel", channel)
        w.field("user", user)
        writeLeadingPostFields(to: &w)
        w.field("replies", replies)
        writeTrailingPostFields(to: &w)
        w.field("thread_followers", threadFollowers)
        w.endObject()
    }
}

/// The fields posts, replies and direct posts share, written in one place so all three agree.
public protocol PostFields {
    var user: String? { get set }
    var type: String? { get set }
    var message: String? { get set }
    var props: JSONObject? { get set }
    var createAt: Int64? { get set }
    var editAt: Int64? { get set }
    var flaggedBy: [String]? { get set }
    var reactions: [ReactionImport]? { get set }
    var attachments: [AttachmentImport]? { get set }
    var isPinned: Bool? { get set }
}

extension PostFields {
    /// `type` … `flagged_by` (before a post's `replies`).
    func writeLeadingPostFields(to w: inout JSONWriter) {
        w.field("type", type)
        w.field("message", message)
        w.field("props", props)
        w.field("create_at", createAt)
        w.field("edit_at", editAt)
        w.field("flagged_by", flaggedBy)
    }

    /// `reactions`, `attachments`, `is_pinned` (after a post's `replies`).
    func writeTrailingPostFields(to w: inout JSONWriter) {
        w.field("reactions", reactions)
        w.field("attachments", attachments)
        w.field("is_pinned", isPinned)
    }
}

/// `replies[]` of a post or direct post (spec §11.2). One level only.
public struct ReplyImport: Sendable, Equatable, JSONWritable, PostFields {
    public var user: String?
    public var type: String?
    public var message: String?
    public var props: JSONObject?
    public var createAt: Int64?
    public var editAt: Int64?
    public var flaggedBy: [String]?
    public var reactions: [ReactionImport]?
    public var attachments: [AttachmentImport]?
    public var isPinned: Bool?

    public init(user: String? = nil, message: String? = nil, createAt: Int64? = nil) {
        self.user = user
        self.message = message
        self.createAt = createAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("user", user)
        writeLeadingPostFields(to: &w)
        writeTrailingPostFields(to: &w)
        w.endObject()
    }
}

/// `reactions[]` (spec §11.3): shortcode names only, `create_at` at or after the parent's.
public struct ReactionImport: Sendable, Equatable, JSONWritable {
    public var user: String?
    public var emojiName: String?
    public var createAt: Int64?

    public init(user: String? = nil, emojiName: String? = nil, createAt: Int64? = nil) {
        self.user = user
        self.emojiName = emojiName
        self.createAt = createAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("user", user)
        w.field("emoji_name", emojiName)
        w.field("create_at", createAt)
        w.endObject()
    }
}

/// `attachments[]` (spec §11.4): a path relative to the zip's `data/` folder.
public struct AttachmentImport: Sendable, Equatable, JSONWritable {
    public var path: String?

    public init(path: String? = nil) {
        self.path = path
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("path", path)
        w.endObject()
    }
}

/// `thread_followers[]` (spec §11.5, v10.1+).
public struct ThreadFollowerImport: Sendable, Equatable, JSONWritable {
    public var user: String?
    public var lastViewed: Int64?
    public var unreadMentions: Int64?

    public init(user: String? = nil, lastViewed: Int64? = nil, unreadMentions: Int64? = nil) {
        self.user = user
        self.lastViewed = lastViewed
        self.unreadMentions = unreadMentions
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("user", user)
        w.field("last_viewed", lastViewed)
        w.field("unread_mentions", unreadMentions)
        w.endObject()
    }
}
