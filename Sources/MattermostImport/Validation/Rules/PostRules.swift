/// Spec §11 (posts, replies, reactions, attachments, thread followers) and the save-time post rules;
/// the parts shared with direct posts (§12.2) take the id family as a parameter.
extension LineChecker {
    /// Which validator a post-like object belongs to: decides the ids of its wrapper errors.
    enum PostKind {
        case post, directPost, reply

        func id(_ rule: String) -> String {
            switch self {
            case .post: ImportErrorID.post(rule)
            case .directPost: ImportErrorID.directPost(rule)
            case .reply: ImportErrorID.reply(rule)
            }
        }
    }

    func checkPost(_ object: JSONObject, line: Int) {
        let post = CheckedPost(object)
        counts.posts += 1
        countNested(post)
        let passed = validate(line: line) { () throws(RuleFailure) in
            try require(post.team != nil, ImportErrorID.post("team_missing"), "post team is required")
            try require(post.channel != nil, ImportErrorID.post("channel_missing"), "post channel is required")
            try require(post.user != nil, ImportErrorID.post("user_missing"), "post user is required")
            try validateMessageAndTime(post, kind: .post)
            try validatePostBody(post, kind: .post)
        }
        var channelIndex: UInt32?
        if let team = post.team, let channel = post.channel {
            if let last = lastPostChannel, last.team == team, last.channel == channel {
                channelIndex = last.index
            } else {
                channelIndex = resolvePostChannel(team: team, channel: channel, line: line)
            }
        }
        checkPostReferences(post, channelIndex: channelIndex, checkTimes: passed, line: line)
    }

    /// The channel index of a post's (team, channel), with the findings of a first sight. A lookup
    /// that found the channel with no finding is remembered: a package's posts come a channel at a
    /// time, and the same names then give the same answer (names are never forgotten).
    private func resolvePostChannel(team rawTeam: String, channel: String, line: Int) -> UInt32? {
        let findings = log.count
        warnIfUpperCase(rawTeam, kind: "team", line: line)
        warnIfUpperCase(channel, kind: "channel", line: line)
        let team = rawTeam.lowercasedName
        guard isKnownTeam(team) else {
            log.error(ImportErrorID.teamsNotFound, line: line, "team \"\(rawTeam)\" is not defined on an earlier line")
            return nil
        }
        let index = checkChannelReference(team: team, channel: channel, id: ImportErrorID.postChannelNotFound, line: line)
        if let index, log.count == findings { lastPostChannel = (rawTeam, channel, index) }
        return index
    }

    func countNested(_ post: CheckedPost) {
        counts.replies += post.replies.count
        counts.reactions += post.reactions.count + post.replies.reduce(0) { $0 + $1.reactions.count }
        counts.attachments += post.attachments.count + post.replies.reduce(0) { $0 + $1.attachments.count }
    }

    func validateMessageAndTime(_ post: CheckedPost, kind: PostKind) throws(RuleFailure) {
        guard let message = post.message else {
            throw RuleFailure(id: kind.id("message_missing"), message: "message is required (it may be \"\")")
        }
        try require(message.fits(runes: options.maxPostRunes), kind.id("message_length"),
                    "message has \(message.runeCount) characters, more than the server's limit of \(options.maxPostRunes); split it")
        guard let createAt = post.createAt else {
            throw RuleFailure(id: kind.id("create_at_missing"), message: "create_at is required (milliseconds since 1970)")
        }
        try require(createAt != 0, kind.id("create_at_zero"), "create_at must not be 0")
    }

    /// Reactions, replies, props, attachments and thread followers, in the validator's order.
    func validatePostBody(_ post: CheckedPost, kind: PostKind) throws(RuleFailure) {
        let createAt = post.createAt ?? 0
        for reaction in post.reactions { try Self.validateReaction(reaction, parentCreateAt: createAt) }
        for reply in post.replies { try validateReply(reply) }
        try Self.validateProps(post)
        try validateAttachments(post, kind: kind)
        for follower in post.threadFollowers {
            if let problem = Self.threadFollowerProblem(follower) {
                throw RuleFailure(id: kind.id("thread_follower"), message: "thread follower: \(problem)")
            }
        }
    }

    func validateReply(_ reply: CheckedPost) throws(RuleFailure) {
        try require(reply.user != nil, ImportErrorID.reply("user_missing"), "reply user is required")
        try validateMessageAndTime(reply, kind: .reply)
        try Self.validateProps(reply)
        let createAt = reply.createAt ?? 0
        for reaction in reply.reactions { try Self.validateReaction(reaction, parentCreateAt: createAt) }
        try validateAttachments(reply, kind: .reply)
    }

    static func validateReaction(_ reaction: JSONObject, parentCreateAt: Int64) throws(RuleFailure) {
        try require(reaction.string("user") != nil, ImportErrorID.reaction("user_missing"), "reaction user is required")
        guard let name = reaction.string("emoji_name") else {
            throw RuleFailure(id: ImportErrorID.reaction("emoji_name_missing"), message: "reaction emoji_name is required")
        }
        try require(name.runeCount <= MattermostLimits.reactionEmojiNameMaxRunes, ImportErrorID.reaction("emoji_name_length"),
                    "reaction emoji_name is longer than 64 characters")
        try require(NameRules.isValidReactionEmojiName(name), ImportErrorID.reaction("emoji_name_invalid"),
                    "reaction emoji_name \"\(name)\" must be a shortcode of a–z, A–Z, 0–9, +, _ and - (not an emoji character)")
        guard let createAt = reaction.int("create_at") else {
            throw RuleFailure(id: ImportErrorID.reaction("create_at_missing"), message: "reaction create_at is required")
        }
        try require(createAt != 0, ImportErrorID.reaction("create_at_zero"), "reaction create_at must not be 0")
        try require(createAt >= parentCreateAt, ImportErrorID.reaction("create_at_before_parent"),
                    "reaction create_at \(createAt) is before its post's create_at \(parentCreateAt)")
    }

    static func validateProps(_ post: CheckedPost) throws(RuleFailure) {
        guard let props = post.props else { return }
        let runes = JSONRuneCount.serialized(props)
        try require(runes <= MattermostLimits.postPropsMaxRunes, ImportErrorID.post("props_too_large"),
                    "props are \(runes) characters as JSON, more than 800 000")
    }

    /// Paths that leave `data/` are validator errors; missing files are reported with the references.
    func validateAttachments(_ post: CheckedPost, kind: PostKind) throws(RuleFailure) {
        for attachment in post.attachments {
            guard let path = attachment.string("path"), !path.isEmpty else { continue }
            try require(ImportPath.entryName(for: path) != nil, kind.id("attachment"),
                        "\(ImportErrorID.attachmentInvalidPath): attachment path \"\(path)\" points outside the data/ folder")
        }
    }

    static func threadFollowerProblem(_ follower: JSONObject) -> String? {
        if follower.field("user") == nil && follower.field("last_viewed") == nil && follower.field("unread_mentions") == nil {
            return "\(ImportErrorID.threadFollower("empty")): empty thread follower"
        }
        if (follower.string("user") ?? "").isEmpty { return "\(ImportErrorID.threadFollower("user_missing")): user is required" }
        return nil
    }

    /// References (users, files), save-time rules and dedupe hazards of a post or direct post.
    func checkPostReferences(_ post: CheckedPost, channelIndex: UInt32?, checkTimes: Bool, line: Int) {
        checkMessageReferences(post, what: "post", line: line)
        for follower in post.threadFollowers {
            requireUser(follower.string("user"), what: "thread follower", line: line)
        }
        let rootCreateAt = post.createAt
        if checkTimes, let channelIndex, let rootCreateAt { claimCreateAt(rootCreateAt, channel: channelIndex, what: "post", line: line) }
        for reply in post.replies {
            checkMessageReferences(reply, what: "reply", line: line)
            guard checkTimes, let createAt = reply.createAt, let rootCreateAt else { continue }
            if createAt <= rootCreateAt {
                log.warning(ImportErrorID.replyNotAfterRoot, line: line,
                            "reply create_at \(createAt) is not after its root's \(rootCreateAt); Mattermost stores it at the root's time and duplicates it on every re-import")
            }
            if let channelIndex { claimCreateAt(createAt, channel: channelIndex, what: "reply", line: line) }
        }
    }

    /// Author, flaggers, reaction users, files and save-time rules of one post or reply.
    private func checkMessageReferences(_ message: CheckedPost, what: String, line: Int) {
        requireUser(message.user, what: what, line: line)
        for flagger in message.flaggedBy { requireUser(flagger, what: "flagged_by", line: line) }
        for reaction in message.reactions {
            requireUser(reaction.string("user"), what: "reaction", line: line, id: ImportErrorID.reactionUserNotFound)
        }
        checkSaveRules(message, what: what, line: line)
        checkFiles(message, line: line)
    }

    func claimCreateAt(_ createAt: Int64, channel: UInt32, what: String, line: Int) {
        if let first = createAts.claim(channel: channel, createAt: createAt, line: line) {
            log.warning(ImportErrorID.duplicateCreateAt, line: line,
                        "\(what) create_at \(createAt) is already used in this channel (line \(first)); re-imports may merge or duplicate these messages, make it unique (+1 ms)")
        }
    }

    /// A user must be defined on an earlier line or exist on the server; nil (a missing field) is the
    /// validator's concern.
    func requireUser(_ username: String?, what: String, line: Int, id: String = ImportErrorID.usersNotFound) {
        guard let username, !isKnownUser(username.lowercasedName) else { return }
        log.error(id, line: line, "\(what) user \"\(username)\" is not defined on an earlier line (one that already exists on the server goes in --users-exist)")
    }

    func isKnownUser(_ lowercasedName: String) -> Bool {
        names.usernames[lowercasedName] != nil || existingUsers.contains(lowercasedName)
    }

    func requireUsers(_ usernames: [String], what: String, line: Int) {
        for username in usernames { requireUser(username, what: what, line: line) }
    }

    static let knownPostTypes: Set<String> = ["", "me", "slack_attachment", "reminder"]

    /// `Post.IsValid` rules applied when the batch is saved: post type and at most 10 files.
    func checkSaveRules(_ post: CheckedPost, what: String, line: Int) {
        if let type = post.type {
            let known = Self.knownPostTypes.contains(type) || type.hasPrefix("system_") || type.hasPrefix("custom_")
            if !known || type.byteCount > 26 {
                log.error(ImportErrorID.postType, line: line, "\(what) type \"\(type)\" is not a Mattermost post type (use \"\" or custom_…, at most 26 bytes)")
            }
        }
        let files = post.attachments.count
        if files > MattermostLimits.maxAttachmentsPerPost {
            log.error(ImportErrorID.postFileIds, line: line, "\(what) has \(files) attachments; Mattermost saves at most 10 per post, spill the rest into replies")
        }
    }

    /// Attachment files must be in the package under `data/`.
    func checkFiles(_ post: CheckedPost, line: Int) {
        for attachment in post.attachments {
            guard let path = attachment.string("path"), !path.isEmpty, let missing = resolveFile(path).missingDescription else { continue }
            log.error(ImportErrorID.attachmentMissing, line: line, "attachment \"\(path)\" \(missing); Mattermost would skip it silently")
        }
    }
}
