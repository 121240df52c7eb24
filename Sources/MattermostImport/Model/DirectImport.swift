/// `direct_channel` line (spec §12.1): a DM (2 members, the same name twice for a self-DM) or a
/// group message (3...8 members).
public struct DirectChannelImport: Sendable, Equatable, JSONWritable {
    public var members: [String]?
    public var favoritedBy: [String]?
    public var shownBy: [String]?
    public var header: String?

    public init(members: [String]? = nil, favoritedBy: [String]? = nil, header: String? = nil) {
        self.members = members
        self.favoritedBy = favoritedBy
        self.header = header
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("members", members)
        w.field("favorited_by", favoritedBy)
        w.field("shown_by", shownBy)
        w.field("header", header)
        w.endObject()
    }
}

/// `direct_post` line (spec §12.2).
public struct DirectPostImport: Sendable, Equatable, JSONWritable, PostFields {
    public var channelMembers: [String]?
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

    public init(channelMembers: [String]? = nil, user: String? = nil, message: String? = nil, createAt: Int64? = nil) {
        self.channelMembers = channelMembers
        self.user = user
        self.message = message
        self.createAt = createAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("channel_members", channelMembers)
        w.field("user", user)
        writeLeadingPostFields(to: &w)
        w.field("replies", replies)
        writeTrailingPostFields(to: &w)
        w.field("thread_followers", threadFollowers)
        w.endObject()
    }
}
