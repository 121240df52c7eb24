import Foundation
import MigrationCore

/// What `mattermove inspect slack` reports: the export's contents and the problems a conversion will
/// meet, found by one streaming pass without writing a package.
public struct SlackInspection: Encodable, Sendable {
    public struct Users: Encodable, Sendable {
        public var total = 0, bots = 0, guests = 0, deleted = 0, withoutEmail = 0
    }

    public struct Files: Encodable, Sendable {
        public var referenced = 0, present = 0, missing = 0, deletedOrHidden = 0, accessDenied = 0, external = 0
    }

    public struct Problems: Encodable, Sendable {
        /// Usernames of users without an email (need `--default-email-domain`).
        public var usersWithoutEmail: [String] = []
        /// Groups of Slack names that normalise to the same Mattermost name (one gets a suffix).
        public var usernameCollisions: [[String]] = []
        public var channelNameCollisions: [[String]] = []
        /// Guests (see `--guest-handling`).
        public var guests: [String] = []
        /// Bots (need `--bot-owner`).
        public var bots: [String] = []
        /// Message authors missing from the user list.
        public var unknownAuthors: [String] = []
        /// Day files that do not decode (entry and reason).
        public var malformedFiles: [String] = []
    }

    public var export: String
    public var layout: String
    public var workspaces: [String]
    public var users = Users()
    public var conversations: [String: Int] = [:]
    public var messages = 0
    public var messagesBySubtype: [String: Int] = [:]
    public var threadReplies = 0
    public var reactions = 0
    /// First and last message day (UTC, `YYYY-MM-DD`).
    public var firstDay: String?
    public var lastDay: String?
    public var files = Files()
    public var problems = Problems()
}

public enum SlackInspector {
    /// Only what inspection needs from a message.
    private struct MessageSummary: Decodable {
        var subtype: String?
        var user: String?
        var botID: String?
        var ts: String?
        var threadTS: String?
        var reactions: [SlackMessage.Reaction]?
        var files: [SlackFile]?
        var file: SlackFile?

        enum CodingKeys: String, CodingKey {
            case subtype, user, botID = "bot_id", ts, threadTS = "thread_ts", reactions, files, file
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            subtype = c.lenient(String.self, .subtype)
            user = c.lenient(String.self, .user)
            botID = c.lenient(String.self, .botID)
            ts = c.lenient(LenientString.self, .ts)?.value
            threadTS = c.lenient(LenientString.self, .threadTS)?.value
            reactions = c.lenient([SlackMessage.Reaction].self, .reactions)
            files = c.lenient([SlackFile].self, .files)
            file = c.lenient(SlackFile.self, .file)
        }
    }

    /// - Parameter progress: called with a phase name and conversations read of all (for the CLI's progress bar).
    public static func inspect(_ url: URL, progress: (@Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void)? = nil) throws -> SlackInspection {
        let archive = try SourceArchive(url: url, rootMarkers: SlackExportLayout.rootMarkers)
        let reader = try SlackReader(archive: archive, options: SlackImportOptions(teamName: "inspect", lenient: true))
        let layout = reader.layout
        var result = SlackInspection(export: url.lastPathComponent, layout: layout.isGrid ? "enterprise-grid" : "standard",
                                     workspaces: layout.workspaces.compactMap(\.folder))
        // Users.
        let records = try reader.readUsers()
        var known = Set<String>()
        var usernames: [String: [String]] = [:]
        for record in records {
            let user = record.user
            known.insert(user.id)
            let name = user.name ?? user.id
            result.users.total += 1
            if user.isBot || user.profile.botID != nil { result.users.bots += 1; result.problems.bots.append(name); continue }
            if user.isGuest { result.users.guests += 1; result.problems.guests.append(name) }
            if user.deleted { result.users.deleted += 1 }
            if SlackUserMapping.nonEmpty(user.profile.email) == nil {
                result.users.withoutEmail += 1
                result.problems.usersWithoutEmail.append(name)
            }
            usernames[NameNormalizer.username(name), default: []].append(name)
        }
        result.problems.usernameCollisions = collisions(usernames)
        // Conversations.
        var channelNames: [String: [String]] = [:]
        var folders: [String] = []
        var prefixes = layout.workspaces.map(\.prefix)
        if layout.isGrid { prefixes.append("") }
        for prefix in prefixes {
            var seenInWorkspace: [String: [String]] = [:]
            for kind in SlackExportLayout.ListKind.allCases {
                guard let entry = archive.entry(at: prefix + kind.rawValue),
                      let list = try? reader.decodeList([SlackConversation].self, entry: entry) else { continue }
                result.conversations[String(kind.rawValue.dropLast(5)), default: 0] += list.count
                for conversation in list {
                    folders.append(reader.dayFolder(prefix: prefix, conversation: conversation, kind: kind))
                    if kind == .channels || kind == .groups, let name = conversation.name {
                        seenInWorkspace[NameNormalizer.channelName(name), default: []].append(name)
                    }
                }
            }
            for (key, names) in seenInWorkspace { channelNames[prefix + key, default: []] += names }
        }
        result.problems.channelNameCollisions = collisions(channelNames)
        // Messages.
        let locator = SlackFileLocator(archive: archive, downloaded: [:])
        var unknown = Set<String>()
        let decoder = JSONDecoder()
        for (index, folder) in folders.enumerated() {
            progress?("reading conversations", index, folders.count)
            for entry in IteratorSequence(SlackExportLayout.DayFilePages(archive: archive, folder: folder)) {
                let day = String(entry.path.suffix(15).prefix(10))
                guard let messages = try? decoder.decode([MessageSummary].self, from: archive.readAll(entry)) else {
                    if entry.uncompressedSize > 0 { result.problems.malformedFiles.append(entry.storedName) }
                    continue
                }
                if !messages.isEmpty {
                    if result.firstDay.map({ day < $0 }) ?? true { result.firstDay = day }
                    if result.lastDay.map({ day > $0 }) ?? true { result.lastDay = day }
                }
                for message in messages {
                    result.messages += 1
                    result.messagesBySubtype[message.subtype ?? "(none)", default: 0] += 1
                    if let thread = message.threadTS, thread != message.ts { result.threadReplies += 1 }
                    result.reactions += (message.reactions ?? []).reduce(0) { $0 + $1.users.count }
                    if message.botID == nil, let user = message.user, !known.contains(user) { unknown.insert(user) }
                    for file in (message.files ?? []) + (message.file.map { [$0] } ?? []) {
                        result.files.referenced += 1
                        if file.mode == "tombstone" || file.mode == "hidden_by_limit" { result.files.deletedOrHidden += 1 }
                        else if file.fileAccess != nil || (file.name ?? "").isEmpty { result.files.accessDenied += 1 }
                        else if file.mode == "external" || file.isExternal { result.files.external += 1 }
                        else if let id = file.id, locator.locate(fileID: id, folder: folder) != nil { result.files.present += 1 }
                        else { result.files.missing += 1 }
                    }
                }
            }
        }
        progress?("reading conversations", folders.count, folders.count)
        result.problems.unknownAuthors = unknown.sorted()
        return result
    }

    private static func collisions(_ groups: [String: [String]]) -> [[String]] {
        groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
