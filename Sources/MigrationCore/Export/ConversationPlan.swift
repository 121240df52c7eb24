import MattermostImport

/// How each staged conversation is exported: channels stay channels; direct conversations become a
/// self-DM, DM or group message keyed by their member set (identical sets merged into the first),
/// and groups over Mattermost's 8 members become private channels of the first team.
struct ConversationPlan {
    enum Target {
        case channel(StagedChannel)
        /// `members` are usernames, sorted; a self-DM lists its one member twice.
        case direct(members: [String], header: String?)
        /// Folded into the conversation at this index.
        case merged(into: Int)
    }

    var targets: [Target] = []
    /// Merged conversation index → surviving index (for the staging rows).
    var merges: [Int: Int] = [:]

    init(staging: MigrationStaging) throws {
        var bySet: [[Int]: Int] = [:]
        for (index, conversation) in staging.conversations.enumerated() {
            switch conversation {
            case .channel(let channel):
                targets.append(.channel(channel))
            case .direct(let direct):
                let memberSet = direct.members.sorted()
                if let survivor = bySet[memberSet] {
                    targets.append(.merged(into: survivor))
                    merges[index] = survivor
                    staging.report.recordChanged("direct_channel", reason: "same members as another conversation; merged into it",
                                                 item: direct.source.id)
                    staging.report.channelMapping[direct.source.id] = staging.report.channelMapping[staging.sourceID(ofConversation: survivor)]
                    continue
                }
                bySet[memberSet] = index
                let names = memberSet.map { staging.users[$0].username }.sorted()
                if names.count > MattermostLimits.groupMaxMembers {
                    targets.append(.channel(try Self.privateChannel(for: direct, members: names, staging: staging)))
                } else {
                    let members = names.count == 1 ? [names[0], names[0]] : names
                    targets.append(.direct(members: members, header: direct.source.header))
                    staging.report.channelMapping[direct.source.id] = .direct(members: members)
                }
            }
        }
    }

    /// A group too large for a Mattermost group message, as a private channel with the same members.
    private static func privateChannel(for direct: StagedDirect, members: [String], staging: MigrationStaging) throws -> StagedChannel {
        guard !staging.teams.isEmpty else { throw ExportError.noTeamForGroup(conversation: direct.source.id) }
        let wanted = direct.source.name ?? ("group-" + members.prefix(3).joined(separator: "-"))
        let normalized = NameNormalizer.channelName(wanted)
        let (name, _) = staging.channelNames[0].claim(normalized)
        staging.report.recordChanged("direct_channel", reason: "group of more than \(MattermostLimits.groupMaxMembers) members; exported as a private channel",
                                     item: "\(direct.source.id) → \(name)")
        staging.report.channelMapping[direct.source.id] = .channel(team: staging.teams[0].name, name: name)
        let display = direct.source.name ?? members.joined(separator: ", ")
        let source = SourceChannel(id: direct.source.id, teamID: staging.teams[0].source.id, name: name, displayName: display,
                                   isPrivate: true, header: direct.source.header, memberIDs: [])
        return StagedChannel(source: source, team: 0, name: name)
    }
}

extension MigrationStaging {
    func sourceID(ofConversation index: Int) -> String {
        switch conversations[index] {
        case .channel(let channel): channel.source.id
        case .direct(let direct): direct.source.id
        }
    }
}
