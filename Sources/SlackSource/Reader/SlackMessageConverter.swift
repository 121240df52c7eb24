import MattermostImport
import MigrationCore
import SourceToolkit

/// Turns one Slack message into a `SourceMessage` (or a counted skip), rendering markup with final
/// Mattermost names. Authors unknown to `users.json` are rebuilt from the message's `user_profile`,
/// bots from `bot_id`/`bot_profile`.
final class SlackMessageConverter {
    enum Outcome {
        case message(SourceMessage)
        case skip(kind: MigrationReport.InputKind, reason: String)
    }

    private let staging: MigrationStaging
    private let options: SlackOptions
    private let resolver: StagingNameResolver
    private let markup: SlackMarkupConverter
    private let blocks: SlackBlockRenderer
    private let files: SlackFileLocator
    /// Slack bot id (`B…`) → the user id of the bot's user.
    private var botUsers: [String: String]

    init(staging: MigrationStaging, options: SlackOptions, resolver: StagingNameResolver, files: SlackFileLocator,
         botUsers: [String: String]) {
        self.staging = staging
        self.options = options
        self.resolver = resolver
        self.markup = SlackMarkupConverter(resolver: resolver)
        self.blocks = SlackBlockRenderer(resolver: resolver)
        self.files = files
        self.botUsers = botUsers
    }

    func convert(_ message: SlackMessage, conversationID: String, folder: String) throws -> Outcome {
        guard let ts = message.ts, let createdAt = SlackTimestamp.milliseconds(ts), createdAt > 0 else {
            return .skip(kind: .messages, reason: "no valid ts (timestamp)")
        }
        let kind = SlackSubtype.classify(message.subtype)
        var postType: String?
        var props = JSONObject()
        switch kind {
        case .skip(let reason):
            return .skip(kind: .messages, reason: reason)
        case .system(let type):
            if options.systemMessages == .skip {
                return .skip(kind: .messages, reason: "channel event skipped by --system-messages skip")
            }
            postType = type
        case .notice(let what):
            if options.systemMessages == .skip {
                return .skip(kind: .messages, reason: "\(what) skipped by --system-messages skip")
            }
            postType = "system_generic"
        case .me: postType = "me"
        case .huddle: postType = "custom_calls"
        case .normal, .fileComment, .unknown: break
        }

        guard let authorID = try author(of: message, kind: kind) else {
            return .skip(kind: .messages, reason: "no author (no user, bot_id or username)")
        }
        if resolver.isSkipped(authorID) {
            return .skip(kind: .messages, reason: "author is a guest and --guest-handling is skip")
        }
        if let since = options.since, createdAt < since {
            // A root older than --since is kept when its thread continues after it, so that new replies
            // attach to it (its line is identical to the earlier run's, which the import de-duplicates).
            let continues = message.threadTS == ts && (message.latestReply.flatMap(SlackTimestamp.milliseconds) ?? 0) >= since
            if !continues { return .skip(kind: .messages, reason: "before --since") }
        }

        var text = try body(of: message, kind: kind)
        switch kind {
        case .system(let type):
            let username = resolver.username(forUserID: authorID)
            props["username"] = .string(username)
            text = systemText(type: type, message: message, username: username, props: &props)
        case .notice:
            // Slack's own wording ("<@U1> pinned a message to this channel."), with final names.
            // Slack shows the actor beside its text ("added an integration to this channel: …").
            let actor = "@" + resolver.username(forUserID: authorID)
            if text.isEmpty { text = actor + " " + (message.subtype ?? "notice") }
            else if !text.hasPrefix("@") { text = actor + " " + text }
        case .me:
            text = text.isEmpty ? text : "*" + text + "*"
        case .huddle:
            if let room = message.room {
                if let start = room.dateStart { props["start_at"] = .int(start * 1000) }
                if let end = room.dateEnd { props["end_at"] = .int(end * 1000) }
                if let name = room.name, !name.isEmpty { props["title"] = .string(name) }
                if !room.participants.isEmpty {
                    props["participants"] = .array(room.participants.map { .string(resolver.username(forUserID: $0)) })
                }
            }
            if text.isEmpty { text = "Call ended" }
        case .unknown(let subtype):
            staging.recordChanged(kind: "message", reason: "unknown Slack subtype imported as a normal post",
                                  item: "\(conversationID):\(ts) (\(subtype))")
        case .normal, .fileComment, .skip:
            break
        }

        if message.subtype == "thread_broadcast" {
            staging.recordChanged(kind: "message", reason: "thread_broadcast (\"also send to channel\") kept as a reply; Mattermost has no equivalent",
                                  item: "\(conversationID):\(ts)")
        }
        if message.botID != nil || message.subtype == "bot_message" {
            if let override = message.username, !override.isEmpty, override != resolver.username(forUserID: authorID) {
                props["override_username"] = .string(override)
                props["from_bot"] = .string("true")
            }
            if let icon = message.icons?.image { props["override_icon_url"] = .string(icon) }
        }
        if let attachments = message.attachments, !attachments.isEmpty {
            let converted = attachments.compactMap { convertAttachment($0.value) }
            if !converted.isEmpty { props["attachments"] = .array(converted) }
        }

        var attached: [SourceFile] = []
        if case .fileComment = kind {} else if message.files?.isEmpty == false || message.file != nil {
            let allFiles = (message.files ?? []) + (message.file.map { [$0] } ?? [])
            attached = try collectFiles(allFiles, folder: folder, text: &text)
        }

        var reactions: [SourceReaction] = []
        for reaction in message.reactions ?? [] where !reaction.name.isEmpty {
            var users: [String] = []
            for user in reaction.users {
                if resolver.isSkipped(user) {
                    staging.recordSkipped(.reactions, reason: "reacting user is a guest and --guest-handling is skip")
                } else {
                    users.append(user)
                }
            }
            if !users.isEmpty { reactions.append(SourceReaction(emoji: reaction.name, userIDs: users)) }
        }

        let root = message.threadTS.flatMap { $0 != ts ? $0 : nil }
        return .message(SourceMessage(
            id: ts,
            conversationID: conversationID,
            authorID: authorID,
            text: text,
            createdAt: createdAt,
            threadRootID: root,
            editedAt: message.edited?.ts.flatMap(SlackTimestamp.milliseconds),
            isPinned: !(message.pinnedTo ?? []).isEmpty,
            postType: postType,
            props: props.isEmpty ? nil : props,
            reactions: reactions,
            files: attached))
    }

    // MARK: parts

    /// The author's Slack id; registers bots and users that `users.json` does not list.
    private func author(of message: SlackMessage, kind: SlackSubtype) throws -> String? {
        if case .fileComment = kind, let user = message.comment?.user { return user }
        if case .huddle = kind, let creator = message.room?.createdBy, message.user == nil { return creator }
        if let botID = message.botID, message.user == nil || message.subtype == "bot_message" {
            if let user = botUsers[botID] { return user }
            if let user = message.user, staging.hasUser(user) { return user }
            if !staging.hasUser(botID) {
                let name = message.botProfile?.name ?? message.username ?? botID
                try staging.add(SourceUser(id: botID, username: name, nickname: message.username, isBot: true,
                                           botDescription: "Slack integration \(name)"))
                staging.recordChanged(kind: "user", reason: "bot not in users.json; created from its messages", item: botID)
            }
            botUsers[botID] = botID
            return botID
        }
        if let user = message.user, !user.isEmpty {
            if user == "USLACKBOT", !staging.hasUser(user) {
                try staging.add(SourceUser(id: user, username: "slackbot", isBot: true, botDescription: "Slackbot"))
                staging.recordChanged(kind: "user", reason: "Slackbot posts kept under a slackbot bot", item: user)
            }
            if !staging.hasUser(user), !resolver.isSkipped(user), let profile = message.userProfile {
                try staging.add(SlackUserMapping.sourceUser(id: user, profile: profile, guestHandling: options.guestHandling))
                staging.recordChanged(kind: "user", reason: "not in users.json; rebuilt from user_profile in messages (deactivated)",
                                      item: user)
            }
            return user
        }
        if let username = message.username, !username.isEmpty {
            // Old webhook posts: no user, no bot id, only a display name.
            let id = "webhook:" + username
            if !staging.hasUser(id) {
                try staging.add(SourceUser(id: id, username: username, isBot: true, botDescription: "Slack webhook \(username)"))
                staging.recordChanged(kind: "user", reason: "webhook author without a user; created as a bot", item: username)
            }
            return id
        }
        return nil
    }

    /// The message text as Mattermost markdown; falls back to the rich-text blocks when `text` is empty.
    private func body(of message: SlackMessage, kind: SlackSubtype) throws -> String {
        if case .fileComment = kind { return markup.convert(message.comment?.comment ?? message.text ?? "") }
        let raw = message.text ?? ""
        if raw.isEmpty, let blockList = message.blocks, !blockList.isEmpty {
            return blocks.render(blockList)
        }
        return markup.convert(raw)
    }

    private func systemText(type: String, message: SlackMessage, username: String, props: inout JSONObject) -> String {
        switch type {
        case "system_join_channel": return "@\(username) joined the channel."
        case "system_leave_channel": return "@\(username) left the channel."
        case "system_header_change":
            let topic = message.topic ?? ""
            props["new_header"] = .string(topic)
            return topic.isEmpty ? "@\(username) removed the channel header." : "@\(username) updated the channel header to: \(topic)"
        case "system_purpose_change":
            let purpose = message.purpose ?? ""
            props["new_purpose"] = .string(purpose)
            return purpose.isEmpty ? "@\(username) removed the channel purpose." : "@\(username) updated the channel purpose to: \(purpose)"
        case "system_displayname_change":
            let new = message.name ?? ""
            props["new_displayname"] = .string(new)
            if let old = message.oldName { props["old_displayname"] = .string(old) }
            return "@\(username) renamed the channel from \(message.oldName ?? "?") to \(new)."
        case "system_channel_deleted": return "@\(username) archived the channel."
        case "system_channel_restored": return "@\(username) unarchived the channel."
        default: return message.text ?? ""
        }
    }

    /// Legacy attachment → Mattermost message attachment (same field names), with text converted.
    private func convertAttachment(_ value: JSONValue) -> JSONValue? {
        guard case .object(let source) = value else { return nil }
        var result = JSONObject()
        let copied = ["color", "author_name", "author_link", "author_icon", "title_link", "image_url", "thumb_url",
                      "footer", "footer_icon", "ts"]
        let converted = ["fallback", "pretext", "title", "text"]
        for key in ["fallback", "color", "pretext", "author_name", "author_link", "author_icon", "title", "title_link",
                    "text", "image_url", "thumb_url", "footer", "footer_icon", "ts"] {
            guard let value = source[key], !value.isNull else { continue }
            if converted.contains(key), let text = value.stringValue {
                result[key] = .string(markup.convert(text))
            } else if copied.contains(key) {
                if key == "ts", case .string(let ts) = value, let seconds = Int64(ts.prefix { $0 != "." }) {
                    result[key] = .int(seconds)
                } else {
                    result[key] = value
                }
            }
        }
        if case .array(let fields)? = source["fields"] {
            let mapped: [JSONValue] = fields.compactMap { field in
                guard case .object(let f) = field else { return nil }
                var out = JSONObject()
                out["title"] = .string(f["title"]?.stringValue ?? "")
                out["value"] = .string(markup.convert(f["value"]?.stringValue ?? ""))
                out["short"] = .bool(f["short"]?.boolValue ?? false)
                return .object(out)
            }
            if !mapped.isEmpty { result["fields"] = .array(mapped) }
        }
        return result.isEmpty ? nil : .object(result)
    }

    /// Files present in the export; the others are counted with their reason and URL. External files
    /// become links in the text.
    private func collectFiles(_ list: [SlackFile], folder: String, text: inout String) throws -> [SourceFile] {
        var result: [SourceFile] = []
        for file in list {
            let url = SlackFileDownloader.redacted(file.downloadURL ?? file.permalink ?? file.id ?? "?")
            switch try SlackFileStatus.of(file, folder: folder, locator: files) {
            case .tombstoned:
                staging.recordSkipped(.files, reason: "deleted in Slack (tombstone)", item: file.id ?? url)
            case .hidden:
                staging.recordSkipped(.files, reason: "hidden by Slack's free-plan limit (hidden_by_limit)", item: file.id ?? url)
            case .noAccess(let why):
                staging.recordSkipped(.files, reason: "no access to the file in the export (\(why))", item: file.id ?? url)
            case .external:
                let link = file.permalink ?? file.urlPrivate ?? ""
                let title = file.title ?? file.name ?? link
                if !link.isEmpty { text += (text.isEmpty ? "" : "\n") + "[\(title)](\(link))" }
                staging.recordSkipped(.files, reason: "external file (Google Drive, …): kept as a link in the message", item: file.id ?? url)
            case _ where options.skipAttachments:
                staging.recordSkipped(.files, reason: "--skip-attachments", item: file.id ?? url)
            case .missing:
                if let failure = file.id.flatMap({ options.downloadFailures[$0] }) {
                    staging.recordSkipped(.files, reason: "not in the export and --download-files failed", item: "\(url): \(failure)")
                } else {
                    staging.recordSkipped(.files, reason: "not in the export (pass --download-files to fetch it from Slack)", item: url)
                }
            case .present(let locator, let size):
                result.append(SourceFile(id: file.id ?? "", name: file.name ?? "", locator: locator, size: size))
            }
        }
        return result
    }
}
