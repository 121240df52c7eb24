import Foundation
import MigrationCore

/// Reads a Slack export (zip or folder, standard or Enterprise Grid) into a `MigrationStaging`: teams,
/// users, channels and direct conversations first, then every message, streamed day file by day file
/// (decoded on a background thread) so memory does not grow with the export.
public final class SlackReader {
    public let archive: SourceArchive
    public let layout: SlackExportLayout
    public let options: SlackImportOptions
    var archiveName: String { archive.url.lastPathComponent }
    /// List files skipped by `--lenient` before the staging store could record them.
    private var lenientSkips: [String] = []
    /// Grid: workspace folder → `team_id` → number of its users with that id.
    private var teamVotes: [String: [String: Int]] = [:]

    /// A conversation and the folder holding its day files.
    struct Conversation {
        var id: String
        var folder: String
    }

    public convenience init(url: URL, options: SlackImportOptions) throws {
        try self.init(archive: SourceArchive(url: url, rootMarkers: SlackExportLayout.rootMarkers), options: options)
    }

    public init(archive: SourceArchive, options: SlackImportOptions) throws {
        self.archive = archive
        self.layout = try SlackExportLayout(archive: archive)
        self.options = options
    }

    /// Gives the exporter the bytes of the files this reader staged.
    public var fileSource: SlackFileSource { SlackFileSource(archive: archive) }

    public func read(into staging: MigrationStaging) throws {
        try archive.forEachSkippedEntry { skipped in
            staging.recordSkipped(kind: "archive_entry", reason: skipped.reason.rawValue, item: skipped.storedName)
        }
        let resolver = StagingNameResolver(staging: staging)
        let users = try readUsers()
        let workspaceByTeamID = workspaceByTeamID()
        try addTeams(to: staging)
        let botUsers = try addUsers(users, to: staging, resolver: resolver)
        let conversations = try addConversations(to: staging, resolver: resolver, workspaceByTeamID: workspaceByTeamID)
        for skipped in lenientSkips {
            staging.recordSkipped(kind: "list_file", reason: "malformed (--lenient); its users or conversations are missing", item: skipped)
        }
        recordOrphanFolders(claimed: Set(conversations.map(\.folder)), staging: staging)
        let converter = SlackMessageConverter(staging: staging, options: options, resolver: resolver,
                                              files: SlackFileLocator(archive: archive, downloaded: options.downloadedFiles),
                                              botUsers: botUsers)
        try readMessages(conversations, converter: converter, staging: staging,
                         knownUsers: KnownUsers(Set(users.map(\.user.id))))
    }

    // MARK: teams

    func teamID(_ workspace: SlackExportLayout.Workspace) -> String { workspace.folder ?? "slack" }

    private func addTeams(to staging: MigrationStaging) throws {
        for workspace in layout.workspaces {
            if let folder = workspace.folder {
                let name = options.teamMap[folder] ?? folder
                try staging.add(SourceTeam(id: teamID(workspace), name: name, displayName: folder))
            } else {
                try staging.add(SourceTeam(id: teamID(workspace), name: options.teamName,
                                           displayName: options.teamDisplayName ?? options.teamName))
            }
        }
    }

    // MARK: users

    struct UserRecord {
        var user: SlackUser
        /// Workspace folders whose `users.json` lists the user (Grid).
        var workspaces: [String]
    }

    func readUsers() throws -> [UserRecord] {
        var records: [UserRecord] = []
        var index: [String: Int] = [:]
        for entry in layout.userFiles {
            guard let list = try decodeList([SlackUser].self, entry: entry) else { continue }
            let workspace = entry.path.hasPrefix("teams/") ? entry.path.split(separator: "/")[1] : nil
            for user in list {
                if let workspace, let teamID = user.teamID { teamVotes[String(workspace), default: [:]][teamID, default: 0] += 1 }
                if let existing = index[user.id] {
                    if let workspace { records[existing].workspaces.append(String(workspace)) }
                    continue
                }
                index[user.id] = records.count
                records.append(UserRecord(user: user, workspaces: workspace.map { [String($0)] } ?? []))
            }
        }
        return records
    }

    /// Adds users; returns Slack bot id → user id for bot messages.
    private func addUsers(_ records: [UserRecord], to staging: MigrationStaging, resolver: StagingNameResolver) throws -> [String: String] {
        var botUsers: [String: String] = [:]
        for record in records {
            let user = record.user
            if user.isGuest, options.guestHandling == .skip {
                resolver.skippedGuests[user.id] = user.name ?? user.id.lowercased()
                staging.recordSkipped(.users, reason: "guest (--guest-handling skip); their messages are skipped too", item: user.id)
                continue
            }
            let teams = layout.isGrid && !record.workspaces.isEmpty ? record.workspaces : nil
            try staging.add(SlackUserMapping.sourceUser(user, guestHandling: options.guestHandling, teamIDs: teams))
            if let botID = user.profile.botID { botUsers[botID] = user.id }
        }
        return botUsers
    }

    /// Grid: workspace id `T…` → workspace folder, by the majority `team_id` of each folder's users.
    func workspaceByTeamID() -> [String: String] {
        let votes = teamVotes
        var result: [String: String] = [:]
        for workspace in votes.keys.sorted() {
            let best = votes[workspace]!.max { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }
            if let teamID = best?.key, result[teamID] == nil { result[teamID] = workspace }
        }
        return result
    }

    // MARK: conversations

    private func addConversations(to staging: MigrationStaging, resolver: StagingNameResolver,
                                  workspaceByTeamID: [String: String]) throws -> [Conversation] {
        var result: [Conversation] = []
        // Grid: workspace lists first, then org-wide/shared ones at the root (placed in one team each).
        var sources: [(prefix: String, workspace: SlackExportLayout.Workspace?)] =
            layout.workspaces.map { ($0.prefix, $0) }
        if layout.isGrid { sources.append(("", nil)) }
        for (prefix, workspace) in sources {
            for kind in SlackExportLayout.ListKind.allCases {
                guard let entry = archive.entry(at: prefix + kind.rawValue),
                      let list = try decodeList([SlackConversation].self, entry: entry) else { continue }
                for conversation in list {
                    if staging.hasConversation(conversation.id) {
                        staging.recordChanged(kind: "channel", reason: "listed in more than one workspace; imported once",
                                              item: conversation.id)
                        continue
                    }
                    let folder = dayFolder(prefix: prefix, conversation: conversation, kind: kind)
                    let team = workspace.map(teamID) ?? sharedChannelTeam(folder: folder, workspaceByTeamID: workspaceByTeamID)
                    try add(conversation, kind: kind, team: team, to: staging, resolver: resolver)
                    result.append(Conversation(id: conversation.id, folder: folder))
                }
            }
        }
        return result
    }

    private func add(_ conversation: SlackConversation, kind: SlackExportLayout.ListKind, team: String,
                     to staging: MigrationStaging, resolver: StagingNameResolver) throws {
        if conversation.members == nil {
            staging.recordChanged(kind: "channel", reason: "no members list in the export (members: null)", item: conversation.id)
        }
        let members = (conversation.members ?? []).filter { resolver.skippedGuests[$0] == nil }
        let topic = SlackUserMapping.nonEmpty(conversation.topic)
        switch kind {
        case .channels, .groups:
            let name = conversation.name ?? conversation.id
            try staging.add(SourceChannel(
                id: conversation.id, teamID: team, name: name, displayName: name, isPrivate: kind == .groups,
                header: topic, purpose: SlackUserMapping.nonEmpty(conversation.purpose),
                createdAt: conversation.created.map { $0 * 1000 },
                archivedAt: conversation.isArchived ? archiveTime(conversation) : nil,
                memberIDs: members, adminIDs: conversation.creator.map { [$0] } ?? []))
        case .mpims, .dms:
            try staging.add(SourceDirectConversation(id: conversation.id, memberIDs: members, header: topic,
                                                     name: conversation.name))
        }
    }

    /// Slack has no archive time; `updated` (newer exports, ms) or the creation time stand in.
    func archiveTime(_ conversation: SlackConversation) -> Int64 {
        if let updated = conversation.updated, updated > 0 { return updated < 100_000_000_000 ? updated * 1000 : updated }
        if let created = conversation.created, created > 0 { return created * 1000 }
        return SlackUserMapping.unknownDeletionTime
    }

    /// Channels' folders are named after the channel, DMs' after their id; whichever holds day files.
    func dayFolder(prefix: String, conversation: SlackConversation, kind: SlackExportLayout.ListKind) -> String {
        let byName = conversation.name.map { prefix + $0 }
        let byID = prefix + conversation.id
        let preferred = kind == .dms ? byID : (byName ?? byID)
        let other = kind == .dms ? (byName ?? byID) : byID
        if SlackExportLayout.firstDayFile(in: archive, folder: preferred) == nil,
           SlackExportLayout.firstDayFile(in: archive, folder: other) != nil {
            return other
        }
        return preferred
    }

    /// Grid shared channel: the team of the workspace its first message came from (`team` field), else the
    /// first workspace.
    func sharedChannelTeam(folder: String, workspaceByTeamID: [String: String]) -> String {
        let fallback = teamID(layout.workspaces[0])
        guard let first = SlackExportLayout.firstDayFile(in: archive, folder: folder),
              let data = try? archive.readAll(first),
              let messages = try? JSONDecoder().decode([SlackMessage].self, from: data) else { return fallback }
        for message in messages {
            if let team = message.team {
                if let mapped = options.teamMap[team], let workspace = layout.workspaces.first(where: { options.teamMap[$0.folder ?? ""] == mapped }) {
                    return teamID(workspace)
                }
                if let workspace = workspaceByTeamID[team] { return workspace }
            }
        }
        return fallback
    }

    /// Day files in folders that no conversation list names are counted, never silently dropped.
    private func recordOrphanFolders(claimed: Set<String>, staging: MigrationStaging) {
        try? archive.forEachEntry { entry in
            let parts = entry.path.split(separator: "/")
            guard let last = parts.last, SlackExportLayout.isDayFileName(last) else { return }
            let folder = parts.dropLast().joined(separator: "/")
            if !claimed.contains(folder), !folder.hasSuffix("/attachments") {
                staging.recordSkipped(kind: "day_file", reason: "folder matches no conversation in channels/groups/mpims/dms.json",
                                      item: entry.storedName)
            }
        }
    }

    // MARK: messages

    private func readMessages(_ conversations: [Conversation], converter: SlackMessageConverter,
                              staging: MigrationStaging, knownUsers: KnownUsers) throws {
        let jobs = DayFileJobs(archive: archive, folders: conversations.map(\.folder))
        let pipeline = DayFilePipeline(archive: archive, jobs: jobs, knownUsers: knownUsers)
        pipeline.start()
        defer { pipeline.cancel() }
        while let (job, outcome) = pipeline.next() {
            let conversation = conversations[job.conversation]
            switch outcome {
            case .failed(let error):
                guard options.lenient else { throw error }
                staging.recordSkipped(kind: "day_file", reason: "unreadable or malformed (--lenient)", item: "\(error)")
            case .messages(let messages):
                for message in messages {
                    switch try converter.convert(message, conversationID: conversation.id, folder: conversation.folder) {
                    case .message(let converted): try staging.add(converted)
                    case .skip(let kind, let reason):
                        staging.recordSkipped(kind, reason: reason, item: "\(conversation.id):\(message.ts ?? "?")",
                                              conversation: conversation.id)
                    }
                }
            }
        }
    }

    // MARK: helpers

    /// Decodes a list file; with `--lenient` a malformed one is skipped (and reported) instead of fatal.
    func decodeList<T: Decodable>(_ type: T.Type, entry: SourceArchive.Entry) throws -> T? {
        do {
            let data = try archive.readAll(entry)
            if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return nil }
            return try SlackJSONDecoding.decode(type, from: data, archive: archiveName, entry: entry.storedName)
        } catch {
            guard options.lenient else { throw error }
            lenientSkips.append("\(error)")
            return nil
        }
    }
}
