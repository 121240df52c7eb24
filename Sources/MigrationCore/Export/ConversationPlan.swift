import GRDB
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
        /// No members and no messages: nothing to write (reported).
        case empty
    }

    var targets: [Target] = []
    /// Merged conversation index → surviving index (for the staging rows).
    var merges: [Int: Int] = [:]

    init(staging: MigrationStaging) throws {
        var bySet: [[Int]: Int] = [:]
        let authors = try Self.authorsOfMemberlessConversations(staging)
        for (index, conversation) in staging.conversations.enumerated() {
            switch conversation {
            case .channel(let channel):
                targets.append(.channel(channel))
            case .direct(let direct):
                var memberSet = direct.members.sorted()
                if memberSet.isEmpty {
                    // A DM/GM listed without members (`"members": []`) would be an invalid
                    // direct_channel line: its members are the people who wrote in it.
                    memberSet = authors[index] ?? []
                    if memberSet.isEmpty {
                        targets.append(.empty)
                        staging.report.recordSkipped("direct_channel", reason: "no members and no messages", item: direct.source.id)
                        continue
                    }
                    staging.report.recordChanged("direct_channel", reason: "no members listed; members are the authors of its messages",
                                                 item: direct.source.id)
                }
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

    /// Conversation index → sorted authors, for the direct conversations staged without members.
    private static func authorsOfMemberlessConversations(_ staging: MigrationStaging) throws -> [Int: [Int]] {
        let memberless = staging.conversations.indices.filter {
            if case .direct(let direct) = staging.conversations[$0] { return direct.members.isEmpty }
            return false
        }
        guard !memberless.isEmpty else { return [:] }
        var result: [Int: [Int]] = [:]
        try staging.database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT conv, author FROM message WHERE conv IN (\(memberless.map(String.init).joined(separator: ",")))
                GROUP BY conv, author ORDER BY conv, author
                """)
            while let row = try rows.next() { result[row[0] as Int, default: []].append(row[1]) }
        }
        return result
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
