import Foundation
import MigrationCore
import SourceToolkit

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
    /// Reads the export exactly as `convert` does (the same reader into a throwaway staging store, no
    /// package written), so every count equals the conversion report's, and adds what an admin wants to
    /// know before converting.
    public static func inspect(_ url: URL, progress: ConversionProgress? = nil) throws -> SlackInspection {
        let reader = try SlackReader(url: url, options: SlackOptions(teamName: "inspect", lenient: true))
        let archive = reader.archive
        let layout = reader.layout
        var result = SlackInspection(export: url.lastPathComponent, layout: layout.isGrid ? "enterprise-grid" : "standard",
                                     workspaces: layout.workspaces.compactMap(\.folder))
        let staging = try MigrationStaging(source: reader.sourceName)
        try reader.stageTeams(into: staging)
        try reader.stageUsers(into: staging)
        try reader.stageConversations(into: staging)

        // Users.
        var known = Set<String>()
        var usernames: [String: [String]] = [:]
        for record in reader.userRecords {
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

        // Conversations, as staged (an id listed twice counts once, as in the conversion).
        var channelNames: [String: [String]] = [:]
        for staged in reader.stagedConversations {
            result.conversations[String(staged.kind.rawValue.dropLast(5)), default: 0] += 1
            if staged.kind == .channels || staged.kind == .groups, let name = staged.name {
                channelNames[staged.prefix + NameNormalizer.channelName(name), default: []].append(name)
            }
        }
        result.problems.channelNameCollisions = collisions(channelNames)

        // Messages: observed as the reader hands them to the converter.
        let locator = SlackFileLocator(archive: archive, downloaded: [:])
        var unknown = Set<String>()
        reader.observer = { message, folder, entry in
            let day = String(entry.path.suffix(15).prefix(10))
            if result.firstDay.map({ day < $0 }) ?? true { result.firstDay = day }
            if result.lastDay.map({ day > $0 }) ?? true { result.lastDay = day }
            result.messagesBySubtype[message.subtype ?? "(none)", default: 0] += 1
            if let thread = message.threadTS, thread != message.ts { result.threadReplies += 1 }
            result.reactions += (message.reactions ?? []).reduce(0) { $0 + $1.users.count }
            if message.botID == nil, let user = message.user, !known.contains(user) { unknown.insert(user) }
            for file in (message.files ?? []) + (message.file.map { [$0] } ?? []) {
                result.files.referenced += 1
                switch try SlackFileStatus.of(file, folder: folder, locator: locator) {
                case .tombstoned, .hidden: result.files.deletedOrHidden += 1
                case .noAccess: result.files.accessDenied += 1
                case .external: result.files.external += 1
                case .present: result.files.present += 1
                case .missing: result.files.missing += 1
                }
            }
        }
        try reader.stageMessages(into: staging, progress: progress)
        reader.observer = nil
        result.messages = staging.report.input.messages
        result.problems.malformedFiles = staging.report.skipped
            .filter { ($0.kind == "day_file" || $0.kind == "list_file") && $0.reason.contains("malformed") }.flatMap(\.items)
        result.problems.unknownAuthors = unknown.sorted()
        return result
    }

    private static func collisions(_ groups: [String: [String]]) -> [[String]] {
        groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
