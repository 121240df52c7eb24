import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit

/// Reads a Slack export (zip or folder, standard or Enterprise Grid) for the conversion runner: teams,
/// users, channels and direct conversations first, then every message, streamed day file by day file
/// (decoded on every core) so memory does not grow with the export.
public final class SlackReader: SourceReader {
    public let archive: SourceArchive
    public let layout: SlackExportLayout
    public let options: SlackOptions
    public var sourceName: String { "slack" }
    var archiveName: String { archive.url.lastPathComponent }
    /// List files skipped by `--lenient` before the staging store could record them.
    private var lenientSkips: [String] = []
    /// List files whose strings needed repairs (entry → repairs), reported with the conversations.
    private var listRepairs: [(entry: String, repairs: Int)] = []
    /// Grid: workspace folder → `team_id` → number of its users with that id.
    private var teamVotes: [String: [String: Int]] = [:]
    // Carried from one stage to the next.
    private var botUsers: [String: String] = [:]
    private var conversations: [Conversation] = []
    private var resolver: StagingNameResolver?
    /// The users read from the export's user lists (kept for `inspect` too).
    private(set) var userRecords: [UserRecord] = []
    /// The conversations staged, for `inspect` (names only: member lists are not kept).
    private(set) var stagedConversations: [(prefix: String, kind: SlackExportLayout.ListKind, name: String?)] = []
    /// Sees every decoded message before it is converted (`inspect` counts from the same reading as
    /// `convert`).
    var observer: ((_ message: SlackMessage, _ folder: String, _ entry: SourceArchive.Entry) throws -> Void)?

    /// A conversation and the folder holding its day files.
    struct Conversation {
        var id: String
        var folder: String
    }

    public convenience init(url: URL, options: SlackOptions) throws {
        try self.init(archive: SourceArchive(url: url, rootMarkers: SlackExportLayout.rootMarkers), options: options)
    }

    public init(archive: SourceArchive, options: SlackOptions) throws {
        self.archive = archive
        self.layout = try SlackExportLayout(archive: archive)
        self.options = options
    }

    /// Gives the exporter the bytes of the files this reader staged.
    public var files: (any SourceFileReader)? { ArchiveFileSource(archive: archive) }

    /// The resolver of final names for mentions, bound to the staging store being filled.
    private func nameResolver(_ staging: MigrationStaging) -> StagingNameResolver {
        if let resolver, resolver.staging === staging { return resolver }
        let made = StagingNameResolver(staging: staging)
        resolver = made
        return made
    }

    public func stageTeams(into staging: MigrationStaging) throws {
        try archive.forEachSkippedEntry { skipped in
            staging.recordSkipped(kind: "archive_entry", reason: skipped.reason.rawValue, item: skipped.storedName)
        }
        // Grid teams are placed by their users' `team_id` votes, so the user lists are read first.
        userRecords = try readUsers()
        try addTeams(to: staging)
    }

    public func stageUsers(into staging: MigrationStaging) throws {
        botUsers = try addUsers(userRecords, to: staging, resolver: nameResolver(staging))
    }

    public func stageConversations(into staging: MigrationStaging) throws {
        conversations = try addConversations(to: staging, resolver: nameResolver(staging),
                                             workspaceByTeamID: workspaceByTeamID())
        for skipped in lenientSkips {
            staging.recordSkipped(kind: "list_file", reason: "malformed (--lenient); its users or conversations are missing", item: skipped)
        }
        for (entry, repairs) in listRepairs {
            staging.recordChanged(kind: "list_file", reason: SlackJSONDecoding.repairReason, item: "\(entry) (\(repairs) repairs)")
        }
        try recordOrphanFolders(claimed: Set(conversations.map(\.folder)), staging: staging)
    }

    public func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws {
        let converter = SlackMessageConverter(staging: staging, options: options, resolver: nameResolver(staging),
                                              files: SlackFileLocator(archive: archive, downloaded: options.downloadedFiles),
                                              botUsers: botUsers)
        try readMessages(conversations, converter: converter, staging: staging,
                         knownUsers: Set(userRecords.map(\.user.id)), progress: progress)
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
            guard let list = try decodeList(entry, what: "a user object with an \"id\"", SlackUser.init(json:)) else { continue }
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
                resolver.skippedUsers[user.id] = user.name ?? user.id.lowercased()
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
        /// Folder → the conversation whose messages it holds: each folder is read once, even when two
        /// list entries (same name, different ids) point at it.
        var folderOwners: [String: String] = [:]
        // Grid: workspace lists first, then org-wide/shared ones at the root (placed in one team each).
        var sources: [(prefix: String, workspace: SlackExportLayout.Workspace?)] =
            layout.workspaces.map { ($0.prefix, $0) }
        if layout.isGrid { sources.append(("", nil)) }
        for (prefix, workspace) in sources {
            for kind in SlackExportLayout.ListKind.allCases {
                guard let entry = try archive.entry(at: prefix + kind.rawValue),
                      let list = try decodeList(entry, what: "a conversation object with an \"id\"", SlackConversation.init(json:)) else { continue }
                for conversation in list {
                    if staging.hasConversation(conversation.id) {
                        staging.recordChanged(kind: "channel", reason: "listed in more than one workspace; imported once",
                                              item: conversation.id)
                        continue
                    }
                    let folder = try dayFolder(prefix: prefix, conversation: conversation, kind: kind)
                    let team = try workspace.map(teamID) ?? sharedChannelTeam(folder: folder, workspaceByTeamID: workspaceByTeamID)
                    try add(conversation, kind: kind, team: team, to: staging, resolver: resolver)
                    stagedConversations.append((prefix, kind, conversation.name))
                    if let owner = folderOwners[folder] {
                        staging.recordChanged(kind: "channel", reason: "its folder also belongs to an earlier conversation with the same name; the folder's messages are imported once, into that one",
                                              item: "\(conversation.id) (folder \(folder), imported into \(owner))")
                        continue
                    }
                    folderOwners[folder] = conversation.id
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
        let members = (conversation.members ?? []).filter { resolver.skippedUsers[$0] == nil }
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
    func dayFolder(prefix: String, conversation: SlackConversation, kind: SlackExportLayout.ListKind) throws -> String {
        let byName = conversation.name.map { prefix + $0 }
        let byID = prefix + conversation.id
        let preferred = kind == .dms ? byID : (byName ?? byID)
        let other = kind == .dms ? (byName ?? byID) : byID
        if try SlackExportLayout.firstDayFile(in: archive, folder: preferred) == nil,
           try SlackExportLayout.firstDayFile(in: archive, folder: other) != nil {
            return other
        }
        return preferred
    }

    /// Grid shared channel: the team of the workspace its first message came from (`team` field), else the
    /// first workspace.
    func sharedChannelTeam(folder: String, workspaceByTeamID: [String: String]) throws -> String {
        let fallback = teamID(layout.workspaces[0])
        guard let first = try SlackExportLayout.firstDayFile(in: archive, folder: folder),
              let messages = try? DayFileDecoding.messages(of: first, reader: archive, knownUsers: [],
                                                           maxElementBytes: options.maxJSONElementBytes) else { return fallback }
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
    private func recordOrphanFolders(claimed: Set<String>, staging: MigrationStaging) throws {
        try archive.forEachEntry { entry in
            // Listed paths are normalised (no empty components), so the last "/" splits folder and name.
            let path = entry.path
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            guard SlackExportLayout.isDayFileName(slash.map { path[path.index(after: $0)...] } ?? path[...]) else { return }
            let folder = slash.map { String(path[..<$0]) } ?? ""
            if !claimed.contains(folder), !folder.hasSuffix("/attachments") {
                staging.recordSkipped(kind: "day_file", reason: "folder matches no conversation in channels/groups/mpims/dms.json",
                                      item: entry.storedName)
            }
        }
    }

    // MARK: messages

    private func readMessages(_ conversations: [Conversation], converter: SlackMessageConverter,
                              staging: MigrationStaging, knownUsers: Set<String>, progress: ConversionProgress?) throws {
        var current = -1
        let pipeline = DayFileDecoding.pipeline(archive: archive, folders: conversations.map(\.folder), knownUsers: knownUsers,
                                                maxElementBytes: options.maxJSONElementBytes)
        pipeline.start()
        defer { pipeline.cancel() }
        while let (job, outcome) = try pipeline.next() {
            let conversation = conversations[job.tag]
            if job.tag != current {
                current = job.tag
                progress?("reading conversations", current, conversations.count)
            }
            switch outcome {
            case .failure(let error):
                guard options.lenient else { throw error }
                staging.recordSkipped(kind: "day_file", reason: "unreadable or malformed (--lenient)", item: "\(error)")
            case .success(let messages):
                // Messages are used in place (an element bound to a `let` is a copy of all its fields).
                try messages.withUnsafeBufferPointer { messages in
                    for index in messages.indices {
                        try observer?(messages[index], conversation.folder, job.entry)
                        switch try converter.convert(messages[index], conversationID: conversation.id, folder: conversation.folder) {
                        case .message(let converted):
                            try staging.add(converted)
                            if messages[index].jsonRepairs > 0 {
                                staging.recordChanged(kind: "message", reason: SlackJSONDecoding.repairReason,
                                                      item: "\(conversation.id):\(messages[index].ts ?? "?")")
                            }
                        case .skip(let kind, let reason):
                            staging.recordSkipped(kind, reason: reason, item: "\(conversation.id):\(messages[index].ts ?? "?")",
                                                  conversation: conversation.id)
                        }
                    }
                }
            }
        }
        progress?("reading conversations", conversations.count, conversations.count)
    }

    // MARK: helpers

    /// Decodes a list file; with `--lenient` a malformed one is skipped (and reported) instead of fatal.
    /// `make` converts one element (`nil`: not `what` the file must hold, which makes it malformed).
    func decodeList<T>(_ entry: SourceArchive.Entry, what: String, _ make: (JSONValue) -> T?) throws -> [T]? {
        do {
            guard let list = try SlackJSONDecoding.list(entry, reader: archive, maxElementBytes: options.maxJSONElementBytes,
                                                        what: what, make) else { return nil }
            if list.repairs > 0 { listRepairs.append((entry.storedName, list.repairs)) }
            return list.items
        } catch {
            guard options.lenient else { throw error }
            lenientSkips.append("\(error)")
            return nil
        }
    }
}
