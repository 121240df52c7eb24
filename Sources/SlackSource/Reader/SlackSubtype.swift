/// What a message subtype becomes in Mattermost.
enum SlackSubtype {
    /// A normal post (no subtype, `thread_broadcast`, `file_share`, `bot_message`, …).
    case normal
    /// `me_message` → a `me` post.
    case me
    /// `file_comment` (legacy): the comment's author and text.
    case fileComment
    /// A channel event → a Mattermost system post of this type.
    case system(String)
    /// A notice about the channel (integration added/removed, message pinned/unpinned): under
    /// `--system-messages post` a generic system post with Slack's text, under `skip` left out.
    case notice(String)
    /// `huddle_thread` → a call post.
    case huddle
    /// Not content; skipped with this reason.
    case skip(String)
    /// A subtype this converter does not know; imported as a normal post if it has text.
    case unknown(String)

    static func classify(_ subtype: String?) -> SlackSubtype {
        guard let subtype, !subtype.isEmpty else { return .normal }
        switch subtype {
        case "thread_broadcast", "file_share", "bot_message", "file_mention", "slackbot_response", "reply_broadcast":
            return .normal
        case "me_message": return .me
        case "file_comment": return .fileComment
        case "channel_join", "group_join": return .system("system_join_channel")
        case "channel_leave", "group_leave": return .system("system_leave_channel")
        case "channel_topic", "group_topic": return .system("system_header_change")
        case "channel_purpose", "group_purpose": return .system("system_purpose_change")
        case "channel_name", "group_name": return .system("system_displayname_change")
        case "channel_archive", "group_archive": return .system("system_channel_deleted")
        case "channel_unarchive", "group_unarchive": return .system("system_channel_restored")
        case "huddle_thread": return .huddle
        case "tombstone", "message_deleted": return .skip("deleted in Slack (tombstone); replies are kept")
        case "pinned_item", "unpinned_item": return .notice("pin notice")
        case "bot_add", "bot_remove", "bot_enable", "bot_disable", "app_conversation_leave", "app_conversation_join":
            return .notice("integration notice")
        case "reminder_add", "reminder_delete": return .skip("reminder notice")
        case "joiner_notification", "joiner_notification_for_inviter": return .skip("invitation notice")
        case "channel_posting_permissions", "group_posting_permissions", "sh_room_created", "channel_canvas_updated",
             "tabbed_canvas_updated", "emoji_changed", "share_shortcut", "ekm_access_denied", "message_changed",
             "message_replied", "channel_convert_to_private", "channel_convert_to_public":
            return .skip("Slack notice without message content (\(subtype))")
        default: return .unknown(subtype)
        }
    }
}
