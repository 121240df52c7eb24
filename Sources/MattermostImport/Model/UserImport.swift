/// `user` line (spec §8) with memberships, notification and display preferences. Preference flags
/// are the strings `"true"`/`"false"`, as Mattermost expects; `favorite` is a real boolean.
public struct UserImport: Sendable, Equatable, JSONWritable {
    public var profileImage: String?
    public var username: String?
    public var email: String?
    public var authService: String?
    public var authData: String?
    public var password: String?
    public var nickname: String?
    public var firstName: String?
    public var lastName: String?
    public var position: String?
    public var roles: String?
    public var locale: String?
    public var useMarkdownPreview: String?
    public var useFormatting: String?
    public var showUnreadSection: String?
    public var deleteAt: Int64?
    public var teams: [UserTeamImport]?
    public var theme: String?
    public var useMilitaryTime: String?
    public var collapsePreviews: String?
    public var messageDisplay: String?
    public var collapseConsecutive: String?
    public var colorizeUsernames: String?
    public var channelDisplayMode: String?
    public var tutorialStep: String?
    public var emailInterval: String?
    public var sendOnCtrlEnter: String?
    public var codeBlockCtrlEnter: String?
    public var showJoinLeave: String?
    public var showUnreadScrollPosition: String?
    public var syncDrafts: String?
    public var limitVisibleDmsGms: String?
    public var nameFormat: String?
    public var notifyProps: UserNotifyProps?
    public var customStatus: CustomStatusImport?

    public init(username: String? = nil, email: String? = nil) {
        self.username = username
        self.email = email
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("profile_image", profileImage)
        w.field("username", username)
        w.field("email", email)
        w.field("auth_service", authService)
        w.field("auth_data", authData)
        w.field("password", password)
        w.field("nickname", nickname)
        w.field("first_name", firstName)
        w.field("last_name", lastName)
        w.field("position", position)
        w.field("roles", roles)
        w.field("locale", locale)
        w.field("feature_enabled_markdown_preview", useMarkdownPreview)
        w.field("formatting", useFormatting)
        w.field("show_unread_section", showUnreadSection)
        w.field("delete_at", deleteAt)
        w.field("teams", teams)
        w.field("theme", theme)
        w.field("military_time", useMilitaryTime)
        w.field("link_previews", collapsePreviews)
        w.field("message_display", messageDisplay)
        w.field("collapse_consecutive_messages", collapseConsecutive)
        w.field("colorize_usernames", colorizeUsernames)
        w.field("channel_display_mode", channelDisplayMode)
        w.field("tutorial_step", tutorialStep)
        w.field("email_interval", emailInterval)
        w.field("send_on_ctrl_enter", sendOnCtrlEnter)
        w.field("code_block_ctrl_enter", codeBlockCtrlEnter)
        w.field("show_join_leave", showJoinLeave)
        w.field("show_unread_scroll_position", showUnreadScrollPosition)
        w.field("sync_drafts", syncDrafts)
        w.field("limit_visible_dms_gms", limitVisibleDmsGms)
        w.field("name_format", nameFormat)
        w.field("notify_props", notifyProps)
        w.field("custom_status", customStatus)
        w.endObject()
    }
}

/// User-level `notify_props` (spec §8.2); every value is a string.
public struct UserNotifyProps: Sendable, Equatable, JSONWritable {
    public var desktop: String?
    public var desktopSound: String?
    public var email: String?
    public var mobile: String?
    public var mobilePushStatus: String?
    public var channel: String?
    public var comments: String?
    public var mentionKeys: String?

    public init() {}

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("desktop", desktop)
        w.field("desktop_sound", desktopSound)
        w.field("email", email)
        w.field("mobile", mobile)
        w.field("mobile_push_status", mobilePushStatus)
        w.field("channel", channel)
        w.field("comments", comments)
        w.field("mention_keys", mentionKeys)
        w.endObject()
    }
}

/// `custom_status` (spec §8.1, newer servers).
public struct CustomStatusImport: Sendable, Equatable, JSONWritable {
    public var emoji: String?
    public var text: String?
    public var duration: String?
    public var expiresAt: String?

    public init(emoji: String? = nil, text: String? = nil, duration: String? = nil, expiresAt: String? = nil) {
        self.emoji = emoji
        self.text = text
        self.duration = duration
        self.expiresAt = expiresAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("emoji", emoji)
        w.field("text", text)
        w.field("duration", duration)
        w.field("expires_at", expiresAt)
        w.endObject()
    }
}

/// `user.teams[]` (spec §8.3).
public struct UserTeamImport: Sendable, Equatable, JSONWritable {
    public var name: String?
    public var roles: String?
    public var theme: String?
    public var channels: [UserChannelImport]?

    public init(name: String? = nil, roles: String? = nil, channels: [UserChannelImport]? = nil) {
        self.name = name
        self.roles = roles
        self.channels = channels
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("roles", roles)
        w.field("theme", theme)
        w.field("channels", channels)
        w.endObject()
    }
}

/// `user.teams[].channels[]` (spec §8.3): membership plus unread state. Counts are applied by the
/// server in pairs (`msg_count` with `msg_count_root`, `mention_count` with `mention_count_root`).
public struct UserChannelImport: Sendable, Equatable, JSONWritable {
    public var name: String?
    public var roles: String?
    public var notifyProps: ChannelNotifyProps?
    public var favorite: Bool?
    public var mentionCount: Int64?
    public var mentionCountRoot: Int64?
    public var urgentMentionCount: Int64?
    public var msgCount: Int64?
    public var msgCountRoot: Int64?
    public var lastViewedAt: Int64?

    public init(name: String? = nil, roles: String? = nil) {
        self.name = name
        self.roles = roles
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("roles", roles)
        w.field("notify_props", notifyProps)
        w.field("favorite", favorite)
        w.field("mention_count", mentionCount)
        w.field("mention_count_root", mentionCountRoot)
        // Mattermost's real key carries this spelling.
        w.field("urgend_mention_count", urgentMentionCount)
        w.field("msg_count", msgCount)
        w.field("msg_count_root", msgCountRoot)
        w.field("last_viewed_at", lastViewedAt)
        w.endObject()
    }
}

/// Channel-level `notify_props` of a membership.
public struct ChannelNotifyProps: Sendable, Equatable, JSONWritable {
    public var desktop: String?
    public var mobile: String?
    public var markUnread: String?

    public init(desktop: String? = nil, mobile: String? = nil, markUnread: String? = nil) {
        self.desktop = desktop
        self.mobile = mobile
        self.markUnread = markUnread
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("desktop", desktop)
        w.field("mobile", mobile)
        w.field("mark_unread", markUnread)
        w.endObject()
    }
}

/// `bot` line (spec §9).
public struct BotImport: Sendable, Equatable, JSONWritable {
    public var profileImage: String?
    public var username: String?
    public var displayName: String?
    public var owner: String?
    public var description: String?
    public var deleteAt: Int64?

    public init(username: String? = nil, displayName: String? = nil, owner: String? = nil,
                description: String? = nil, deleteAt: Int64? = nil) {
        self.username = username
        self.displayName = displayName
        self.owner = owner
        self.description = description
        self.deleteAt = deleteAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("profile_image", profileImage)
        w.field("username", username)
        w.field("display_name", displayName)
        w.field("owner", owner)
        w.field("description", description)
        w.field("delete_at", deleteAt)
        w.endObject()
    }
}

/// `emoji` line (spec §10): a custom emoji and its image path under `data/`.
public struct EmojiImport: Sendable, Equatable, JSONWritable {
    public var name: String?
    public var image: String?

    public init(name: String? = nil, image: String? = nil) {
        self.name = name
        self.image = image
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("image", image)
        w.endObject()
    }
}
