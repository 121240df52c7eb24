import Foundation
import GRDB
import MattermostImport

/// Errors a reader can cause by feeding the staging store out of order.
public enum StagingError: Error, CustomStringConvertible {
    case unknownTeam(String)
    case unknownConversation(String)
    case duplicate(kind: String, id: String)
    case tooManyConversations(Int)

    public var description: String {
        switch self {
        case .unknownTeam(let id): "channel refers to unknown team \(id); add teams before channels"
        case .unknownConversation(let id): "message refers to unknown conversation \(id); add channels and direct conversations before messages"
        case .duplicate(let kind, let id): "\(kind) \(id) was added twice"
        case .tooManyConversations(let limit): "more than \(limit) channels and direct conversations; split the source and convert it in parts"
        }
    }
}

/// What a source reader fills: teams, users, channels and direct conversations stay in memory (they
/// are few); messages and memberships go to an SQLite file (message keys in a narrow table, texts in another, so the
/// thread and time passes scan only integers) in a temporary directory, so memory does
/// not grow with the history. Names are allocated as things are added, so a reader can render
/// mentions with final names (`username(forUserID:)`) while it streams messages.
///
/// Add in this order: teams, users, channels and direct conversations, emoji, messages.
public final class MigrationStaging {
    public internal(set) var report: MigrationReport
    public let maxPostRunes: Int

    // In-memory catalogue (indices are the order of addition, so output order is deterministic).
    var teams: [StagedTeam] = []
    var users: [StagedUser] = []
    var conversations: [StagedConversation] = []
    /// Messages staged per conversation (by index), for the report's per-conversation figures: counted
    /// here by index, not by source id in the report, to keep hashing off the per-message path.
    var messagesStaged: [Int] = []
    var emoji: [SourceEmoji] = []
    var teamIndex: [String: Int] = [:]
    var userIndex: [String: Int] = [:]
    var conversationIndex: [String: Int] = [:]

    var usernames = NameRegistry(maxBytes: MattermostLimits.usernameMaxBytes, reserved: NameRules.reservedUsernames)
    var teamNames = NameRegistry(maxBytes: MattermostLimits.teamNameMaxBytes)
    /// One channel namespace per team.
    var channelNames: [NameRegistry] = []

    let directory: URL
    let database: DatabaseQueue
    private var pendingMessages: [StagedMessageRow] = []
    /// The text, extras and id bytes of `pendingMessages`: a batch also goes once it holds
    /// `bytesPerBatch`, so long messages cannot make one batch hold gigabytes (16,384 rows of 64 KiB
    /// texts were 1 GiB, three batches of them alive at once).
    private var pendingBytes = 0
    /// Batches handed to the database so far (for tests of the bounds).
    private(set) var batchesWritten = 0
    /// The conversation of the previous message: readers add a conversation's messages in a run, and
    /// comparing one id is cheaper than hashing it per message.
    private var lastConversation: (id: String, index: Int)?
    private var pendingMembers: [(conv: Int, user: Int, admin: Bool)] = []
    /// Batches are written on the database's own queue while the reader goes on; at most two wait
    /// or run at a time, so memory stays bounded. Later reads and writes queue behind them.
    private let batchesInFlight = DispatchSemaphore(value: 2)
    private let batchFailure = BatchFailure()
    /// Rows staged so far (messages plus the extra parts of split ones).
    public private(set) var stagedRows = 0
    /// The next row number within each conversation (by index). A row's key (`seq`) is its
    /// conversation in the high bits and this number in the low ones, so the rows of one conversation
    /// sit together in the file however the source interleaves them: the passes and the export read a
    /// conversation from a few pages kept in the cache, not one random page per message (a time-ordered
    /// database dump of 1 M messages over 200 channels cost 2.3 M reads from the file that way).
    private var nextRowInConversation: [Int64] = []
    /// The conversations' time sweeps, made as rows come in (the export's if nothing replies).
    private(set) var sweeps = StagedSweeps()
    /// Rows per conversation the key leaves room for (2^40); so at most 2^23 conversations.
    static let conversationKeyShift: Int64 = 40

    /// - Parameter maxPostRunes: messages longer than this are split into follow-up replies.
    public init(source: String, maxPostRunes: Int = MattermostLimits.postMessageMaxRunes) throws {
        report = MigrationReport(source: source)
        self.maxPostRunes = maxPostRunes
        directory = try ScratchDatabase.makeDirectory(prefix: "mattermove-staging")
        database = try ScratchDatabase.open("staging.sqlite", in: directory, cacheKiB: 16_000)
        try database.write { db in
            try db.execute(sql: """
                CREATE TABLE message(
                    seq INTEGER PRIMARY KEY,
                    conv INTEGER NOT NULL,
                    sid INTEGER NOT NULL,
                    rsid INTEGER,
                    ts INTEGER NOT NULL,
                    author INTEGER NOT NULL,
                    root_seq INTEGER,
                    final_ts INTEGER,
                    thread_ts INTEGER,
                    text TEXT NOT NULL,
                    extras BLOB
                );
                CREATE TABLE member(conv INTEGER NOT NULL, user INTEGER NOT NULL, admin INTEGER NOT NULL);
                """)
        }
    }

    deinit {
        // A batch still being written must end before its file goes.
        try? database.writeWithoutTransaction { _ in }
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: catalogue

    public func add(_ team: SourceTeam) throws {
        guard teamIndex[team.id] == nil else { throw StagingError.duplicate(kind: "team", id: team.id) }
        let normalized = NameNormalizer.teamName(team.name)
        let (name, collided) = teamNames.claim(normalized)
        noteRename("team_name", from: team.name, to: name, normalized: normalized, collided: collided)
        teamIndex[team.id] = teams.count
        teams.append(StagedTeam(source: team, name: name))
        channelNames.append(NameRegistry(maxBytes: MattermostLimits.channelNameMaxBytes))
    }

    public func add(_ user: SourceUser) throws {
        guard userIndex[user.id] == nil else { throw StagingError.duplicate(kind: "user", id: user.id) }
        report.input.users += 1
        let normalized = NameNormalizer.username(user.username)
        let (name, collided) = usernames.claim(normalized)
        noteRename("username", from: user.username, to: name, normalized: normalized, collided: collided)
        userIndex[user.id] = users.count
        users.append(StagedUser(source: user, username: name, isPlaceholder: false))
        report.userMapping[user.id] = name
        attachPendingMemberships(of: user.id)
    }

    /// Channel memberships of people not yet known when their channel was added, by source user id.
    var pendingMemberships: [String: [(conv: Int, admin: Bool)]] = [:]

    private func attachPendingMemberships(of id: String) {
        guard let user = userIndex[id], let memberships = pendingMemberships.removeValue(forKey: id) else { return }
        var seen = Set<Int>()
        for membership in memberships where seen.insert(membership.conv).inserted {
            pendingMembers.append((membership.conv, user, membership.admin))
        }
    }

    /// Memberships whose member never appeared: reported as dropped.
    func dropUnresolvedMemberships() {
        for (id, memberships) in pendingMemberships.sorted(by: { $0.key < $1.key }) {
            report.recordChanged("membership", reason: "channel member never found among the users or authors; membership dropped",
                                 item: id, count: memberships.count)
        }
        pendingMemberships.removeAll()
    }

    public func add(_ channel: SourceChannel) throws {
        guard conversationIndex[channel.id] == nil else { throw StagingError.duplicate(kind: "channel", id: channel.id) }
        guard let team = teamIndex[channel.teamID] else { throw StagingError.unknownTeam(channel.teamID) }
        try checkConversationLimit()
        report.input.channels += 1
        let normalized = NameNormalizer.channelName(channel.name)
        let (name, collided) = channelNames[team].claim(normalized)
        noteRename("channel_name", from: channel.name, to: name, normalized: normalized, collided: collided)
        let conv = conversations.count
        conversationIndex[channel.id] = conv
        conversations.append(.channel(StagedChannel(source: channel, team: team, name: name)))
        messagesStaged.append(0)
        sweeps.addConversation()
        nextRowInConversation.append(0)
        report.channelMapping[channel.id] = .channel(team: teams[team].name, name: name)
        let admins = Set(channel.adminIDs)
        var seen = Set<Int>()
        for memberID in channel.memberIDs {
            guard let user = userIndex[memberID] else {
                // The member may still turn up (rebuilt from message data, or as a placeholder author).
                pendingMemberships[memberID, default: []].append((conv, admins.contains(memberID)))
                continue
            }
            guard seen.insert(user).inserted else { continue }
            pendingMembers.append((conv, user, admins.contains(memberID)))
        }
        if pendingMembers.count >= 10_000 { try writeBatch() }
    }

    public func add(_ conversation: SourceDirectConversation) throws {
        guard conversationIndex[conversation.id] == nil else {
            throw StagingError.duplicate(kind: "direct conversation", id: conversation.id)
        }
        try checkConversationLimit()
        report.input.directChannels += 1
        var members: [Int] = []
        for memberID in conversation.memberIDs {
            let user = resolveUser(memberID)
            if !members.contains(user) { members.append(user) }
        }
        conversationIndex[conversation.id] = conversations.count
        conversations.append(.direct(StagedDirect(source: conversation, members: members)))
        messagesStaged.append(0)
        sweeps.addConversation()
        nextRowInConversation.append(0)
    }

    public func add(_ emoji: SourceEmoji) {
        self.emoji.append(emoji)
    }

    // MARK: names for readers

    /// The Mattermost username of a known user.
    public func username(forUserID id: String) -> String? {
        userIndex[id].map { users[$0].username }
    }

    /// The Mattermost username for `id`, creating a deactivated placeholder user if it is unknown
    /// (for mentions of and messages by people missing from the source's user list).
    public func resolveUsername(forUserID id: String) -> String {
        users[resolveUser(id)].username
    }

    /// The Mattermost name of a known channel (`nil` for unknown ids and direct conversations).
    public func channelName(forChannelID id: String) -> String? {
        guard let conv = conversationIndex[id], case .channel(let channel) = conversations[conv] else { return nil }
        return channel.name
    }

    public func hasUser(_ id: String) -> Bool { userIndex[id] != nil }
    public func hasConversation(_ id: String) -> Bool { conversationIndex[id] != nil }

    // MARK: report

    /// Records skipped source items (their kind's input count goes up, so totals balance).
    /// A skipped message's `conversation` (source id) also counts it in that conversation's figures.
    public func recordSkipped(_ kind: MigrationReport.InputKind, reason: String, item: String? = nil, count: Int = 1,
                              conversation: String? = nil) {
        report.recordSkipped(kind.rawValue, reason: reason, item: item, count: count, conversation: conversation)
    }

    /// Records skipped items of a kind that is not counted as input (a day file, an archive entry).
    public func recordSkipped(kind: String, reason: String, item: String? = nil, count: Int = 1) {
        report.recordSkipped(kind, reason: reason, item: item, count: count)
    }

    public func recordChanged(kind: String, reason: String, item: String? = nil, count: Int = 1) {
        report.recordChanged(kind, reason: reason, item: item, count: count)
    }

    // MARK: messages

    public func add(_ message: SourceMessage) throws {
        let conv: Int
        if let last = lastConversation, last.id == message.conversationID {
            conv = last.index
        } else {
            guard let index = conversationIndex[message.conversationID] else {
                throw StagingError.unknownConversation(message.conversationID)
            }
            conv = index
            lastConversation = (message.conversationID, index)
        }
        report.input.messages += 1
        messagesStaged[conv] += 1
        report.input.reactions += message.reactions.reduce(0) { $0 + $1.userIDs.count }
        report.input.files += message.files.count
        let author = resolveUser(message.authorID)
        // Reactors and flaggers must exist before the user lines are written: resolve them now.
        for reaction in message.reactions { for id in reaction.userIDs { _ = resolveUser(id) } }
        for id in message.flaggedByIDs { _ = resolveUser(id) }
        // Nearly every message is one post with its files: then no arrays of parts or file groups are
        // made (two allocations per message). Empty means "as it is".
        let parts = MessageSplitter.fits(message.text, maxRunes: maxPostRunes) ? [] : MessageSplitter.split(message.text, maxRunes: maxPostRunes)
        if parts.count > 1 {
            report.recordChanged("message", reason: "longer than \(maxPostRunes) characters; split into follow-up replies",
                                 item: "\(message.conversationID):\(message.id)", conversation: message.conversationID)
            report.recordChanged("message_part", reason: "extra post created by splitting a long message", count: parts.count - 1)
        }
        let perPost = MattermostLimits.maxAttachmentsPerPost
        let fileGroups = message.files.count <= perPost ? [] : stride(from: 0, to: message.files.count, by: perPost).map {
            Array(message.files[$0..<min($0 + perPost, message.files.count)])
        }
        if fileGroups.count > 1 {
            report.recordChanged("message", reason: "more than \(perPost) files; extra files moved to follow-up replies",
                                 item: "\(message.conversationID):\(message.id)", conversation: message.conversationID)
            report.recordChanged("message_part", reason: "extra post created to carry files beyond the 10-per-post limit", count: fileGroups.count - 1)
        }
        let threadRoot = message.threadRootID ?? message.id
        // Part 1 keeps everything but the spilled files; later parts are replies in the same thread.
        var first = StagedExtras(postType: message.postType, props: message.props.map { .object($0) },
                                 editedAt: message.editedAt, isPinned: message.isPinned ? true : nil,
                                 reactions: message.reactions.isEmpty ? nil : message.reactions,
                                 files: message.files.isEmpty ? nil : fileGroups.first ?? message.files,
                                 flaggedByIDs: message.flaggedByIDs.isEmpty ? nil : message.flaggedByIDs)
        if first.isEmpty { first = StagedExtras() }
        try stage(conv: conv, sourceID: message.id, root: message.threadRootID, ts: message.createdAt, author: author,
                  text: parts.first ?? message.text, extras: first)
        var partNumber = 1
        for text in parts.dropFirst() {
            partNumber += 1
            try stage(conv: conv, sourceID: message.id + "\u{1F}part\(partNumber)", root: threadRoot, ts: message.createdAt,
                      author: author, text: text, extras: StagedExtras(postType: message.postType))
        }
        for files in fileGroups.dropFirst() {
            partNumber += 1
            try stage(conv: conv, sourceID: message.id + "\u{1F}part\(partNumber)", root: threadRoot, ts: message.createdAt,
                      author: author, text: "", extras: StagedExtras(files: files))
        }
    }

    /// Writes buffered rows to the staging database and waits until every batch is written; rethrows
    /// the first failure of a batch written in the background.
    func flush() throws {
        try writeBatch()
        try database.writeWithoutTransaction { _ in }
        try batchFailure.rethrow()
    }

    /// Hands the buffered rows to the database's queue, to be written while staging goes on.
    private func writeBatch() throws {
        try batchFailure.rethrow()
        guard !pendingMessages.isEmpty || !pendingMembers.isEmpty else { return }
        // Taken, not copied: sorting a copy that still shared its buffer copied every row first.
        var messages = pendingMessages
        pendingMessages = []
        pendingMessages.reserveCapacity(Self.rowsPerBatch)
        pendingBytes = 0
        batchesWritten += 1
        let members = pendingMembers
        pendingMembers.removeAll(keepingCapacity: true)
        // In key order, each conversation's rows of the batch go into its pages one after another.
        // Keys compared in place: zipping the rows copied each one (its strings retained and released).
        let sorted = messages.withUnsafeBufferPointer { rows in rows.indices.dropFirst().allSatisfy { rows[$0 - 1].seq <= rows[$0].seq } }
        if !sorted { messages.sort { $0.seq < $1.seq } }
        batchesInFlight.wait()
        let inFlight = batchesInFlight, failure = batchFailure, batch = messages
        database.asyncWriteWithoutTransaction { db in
            defer { inFlight.signal() }
            do {
                try db.inTransaction {
                    try Self.insert(batch, members, db)
                    return .commit
                }
            } catch {
                failure.record(error)
            }
        }
    }

    private static func idHash(_ id: String) -> Int64 { Int64(bitPattern: StableHash.of(id)) }

    /// Rows per multi-row `INSERT`: one statement run per 32 rows instead of per row (opening the
    /// table's cursor and ending the statement were a third of the staging thread's time).
    static let rowsPerInsert = 32
    /// Rows handed to the database's queue at once, unless `bytesPerBatch` comes first. Each commit
    /// writes every page its rows touched, and a conversation's last page again at every batch that
    /// adds to it: 16,384 rows per batch wrote 384 MB for a 1 M-row ejabberd archive, 65,536 rows
    /// about 180 MB (8% less wall time).
    static let rowsPerBatch = 65_536
    static let bytesPerBatch = 8 << 20

    private static func insert(_ messages: [StagedMessageRow], _ members: [(conv: Int, user: Int, admin: Bool)], _ db: Database) throws {
        // Text and extras in the message's own row, last (the passes that read only times and keys stop
        // before them): one B-tree insert per message, where a separate body table made two, each a
        // seek from the root when rows come interleaved across conversations.
        func statement(rows: Int) throws -> FastStatement {
            let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
            return FastStatement(try db.cachedStatement(sql: "INSERT INTO message(seq, conv, sid, rsid, ts, author, text, extras) VALUES \(values)"))
        }
        let many = try statement(rows: rowsPerInsert)
        let one = try statement(rows: 1)
        // Fields are read in place: copying each row out of the array retained and released its strings.
        try messages.withUnsafeBufferPointer { rows in
            var start = 0
            while start < rows.count {
                let count = rows.count - start >= rowsPerInsert ? rowsPerInsert : 1
                let insert = count == rowsPerInsert ? many : one
                insert.reset()
                for offset in 0..<count {
                    let index = start + offset
                    let m = Int32(offset * 8)
                    insert.bind(m + 1, rows[index].seq)
                    insert.bind(m + 2, Int64(rows[index].conv))
                    // Ids as stable 64-bit hashes: an integer index is several times smaller and faster than
                    // one on text; a collision needs two ids of one conversation with the same hash.
                    insert.bind(m + 3, Self.idHash(rows[index].sourceID))
                    insert.bind(m + 4, rows[index].root.map(Self.idHash))
                    insert.bind(m + 5, rows[index].ts)
                    insert.bind(m + 6, Int64(rows[index].author))
                    insert.bind(m + 7, rows[index].text)
                    insert.bind(m + 8, rows[index].extras)
                }
                try insert.execute(db)
                start += count
            }
        }
        let member = try db.cachedStatement(sql: "INSERT INTO member(conv, user, admin) VALUES (?, ?, ?)")
        for row in members {
            try member.execute(arguments: [row.conv, row.user, row.admin])
        }
    }

    private func stage(conv: Int, sourceID: String, root: String?, ts: Int64, author: Int, text: String, extras: StagedExtras) throws {
        let blob = extras.isEmpty ? nil : extras.encoded()
        let seq = Int64(conv) << Self.conversationKeyShift | nextRowInConversation[conv]
        nextRowInConversation[conv] += 1
        try sweeps.add(conv: conv, seq: seq, ts: ts, isReply: root != nil)
        pendingMessages.append(StagedMessageRow(seq: seq, conv: conv, sourceID: sourceID, root: root, ts: ts,
                                                author: author, text: text, extras: blob))
        stagedRows += 1
        pendingBytes += text.utf8.count + (blob?.count ?? 0) + sourceID.utf8.count
        if pendingMessages.count >= Self.rowsPerBatch || pendingBytes >= Self.bytesPerBatch { try writeBatch() }
    }

    // MARK: private

    private func checkConversationLimit() throws {
        let limit = 1 << (63 - Int(Self.conversationKeyShift))
        if conversations.count >= limit { throw StagingError.tooManyConversations(limit) }
    }

    /// The index of user `id`, adding a deactivated placeholder if the source never listed it.
    func resolveUser(_ id: String) -> Int {
        if let index = userIndex[id] { return index }
        let normalized = NameNormalizer.username("unknown-" + id)
        let (name, _) = usernames.claim(normalized)
        report.recordChanged("user", reason: "referenced but not in the source's user list; added as a deactivated placeholder", item: id)
        userIndex[id] = users.count
        users.append(StagedUser(source: SourceUser(id: id, username: name), username: name, isPlaceholder: true))
        report.userMapping[id] = name
        attachPendingMemberships(of: id)
        return users.count - 1
    }

    private func noteRename(_ kind: String, from original: String, to name: String, normalized: String, collided: Bool) {
        if normalized != original {
            report.recordChanged(kind, reason: "normalised to Mattermost's naming rules", item: "\(original) → \(normalized)")
        }
        if collided {
            report.recordChanged(kind, reason: "name already taken; numeric suffix added", item: "\(original) → \(name)")
        }
    }
}

struct StagedTeam {
    var source: SourceTeam
    var name: String
}

struct StagedUser {
    var source: SourceUser
    var username: String
    var isPlaceholder: Bool
}

struct StagedChannel {
    var source: SourceChannel
    var team: Int
    var name: String
}

struct StagedDirect {
    var source: SourceDirectConversation
    /// Distinct member user indices in source order.
    var members: [Int]
}

enum StagedConversation {
    case channel(StagedChannel)
    case direct(StagedDirect)
}

struct StagedMessageRow {
    var seq: Int64
    var conv: Int
    var sourceID: String
    var root: String?
    var ts: Int64
    var author: Int
    var text: String
    var extras: [UInt8]?
}

/// The first error of a staging batch written in the background, kept until the reader's next batch
/// or the final flush rethrows it.
private final class BatchFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: Error?

    func record(_ error: Error) {
        lock.withLock { if self.error == nil { self.error = error } }
    }

    func rethrow() throws {
        if let error = lock.withLock({ self.error }) { throw error }
    }
}
