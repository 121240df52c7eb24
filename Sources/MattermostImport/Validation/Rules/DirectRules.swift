/// Spec §12: direct and group channels and their posts.
extension LineChecker {
    func checkDirectChannel(_ channel: JSONObject, line: Int) {
        counts.directChannels += 1
        let members = channel.strings("members")
        let participants = channel.array("participants").map { $0.map { $0.objectValue?.string("username") } }
        let passed = validate(line: line) { () throws(RuleFailure) in
            try require(members != nil || participants != nil, ImportErrorID.directChannel("members_required"),
                        "a direct channel needs members (or participants)")
            let header = channel.string("header") ?? ""
            try require(header.runeCount <= MattermostLimits.channelHeaderMaxRunes, ImportErrorID.directChannel("header_length"),
                        "direct channel header is longer than 1024 characters")
            let everyone = Set((members ?? []) + (participants ?? []).compactMap { $0 })
            for name in channel.strings("favorited_by") ?? [] {
                try require(everyone.contains(name), ImportErrorID.directChannel("unknown_favoriter"),
                            "favorited_by \"\(name)\" is not a member of this direct channel")
            }
        }
        // Wrong member counts only skip the line (non-fatal in Mattermost).
        for list in [members, participants.map { $0.map { $0 ?? "" } }].compactMap({ $0 }) {
            if list.count < 2 {
                log.warning(ImportErrorID.directChannel("members_too_few"), line: line, "a direct channel needs at least 2 members; Mattermost skips this line")
            } else if list.count > MattermostLimits.groupMaxMembers {
                log.warning(ImportErrorID.directChannel("members_too_many"), line: line,
                            "a group channel has at most 8 members (found \(list.count)); Mattermost skips this line — use a private channel")
            }
        }
        if let participants, participants.contains(where: { ($0 ?? "").isEmpty }) {
            log.error(ImportErrorID.usersNotFound, line: line, "every participant needs a username")
        }
        var seen = Set<String>()
        let everyone = ((participants?.compactMap { $0 }.filter { !$0.isEmpty } ?? []) + (members ?? [])).filter { seen.insert($0).inserted }
        requireUsers(everyone, what: "direct channel member", line: line)
        if passed, let list = participants?.compactMap({ $0 }) ?? members, (2...MattermostLimits.groupMaxMembers).contains(list.count) {
            _ = names.directChannelIndex(members: list)
        }
    }

    func checkDirectPost(_ object: JSONObject, line: Int) {
        let post = CheckedPost(object)
        counts.directPosts += 1
        countNested(post)
        let members = post.channelMembers
        let passed = validate(line: line) { () throws(RuleFailure) in
            guard let members else {
                throw RuleFailure(id: ImportErrorID.directPost("channel_members_required"), message: "direct post channel_members is required")
            }
            try require(members.count >= 2, ImportErrorID.directPost("channel_members_too_few"),
                        "channel_members needs 2 names (a DM; the same name twice for a self-DM) or 3–8 (a group)")
            try require(members.count <= MattermostLimits.groupMaxMembers, ImportErrorID.directPost("channel_members_too_many"),
                        "channel_members has \(members.count) names; group messages have at most 8")
            try require(post.user != nil, ImportErrorID.directPost("user_missing"), "direct post user is required")
            try validateMessageAndTime(post, kind: .directPost)
            for name in post.flaggedBy {
                try require(members.contains(name), ImportErrorID.directPost("unknown_flagger"),
                            "flagged_by \"\(name)\" is not one of channel_members")
            }
            try validatePostBody(post, kind: .directPost)
        }
        requireUsers(members ?? [], what: "channel member", line: line)
        if let user = post.user, let members, !members.contains(where: { $0.lowercasedName == user.lowercasedName }) {
            log.warning(ImportErrorID.directPostAuthorNotMember, line: line,
                        "direct post user \"\(user)\" is not one of channel_members, so the author will not see the message")
        }
        var channelIndex: UInt32?
        if passed, let members { channelIndex = names.directChannelIndex(members: members) }
        checkPostReferences(post, channelIndex: channelIndex, checkTimes: passed, line: line)
    }
}
