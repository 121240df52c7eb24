import Foundation
import GRDB
import MattermostImport

/// Writes a staged migration as one Mattermost bulk-import package, applying every Mattermost-side
/// rule once for all sources: unique names (allocated while staging), emails, bots and owners,
/// memberships with read state, thread shape and unique times, reaction names, the 10-file limit,
/// and the line order version → team → channel → user → bot → emoji → post → direct_channel →
/// direct_post. Nothing is held per message: posts stream from the staging database, one thread at
/// a time, and files stream from the source into the zip.
public final class PackageExporter {
    private let staging: MigrationStaging
    private let files: SourceFileReader?
    private let options: ExportOptions
    private var fileRegistry: FileRegistry!
    /// Reports a phase name and progress (done, total) to the CLI's progress bar.
    public var progress: (@Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void)?
    /// Called after each phase with its wall time in seconds (benchmarks print these).
    public var phaseFinished: ((_ phase: String, _ seconds: Double) -> Void)?
    private var phaseStart = DispatchTime.now()
    private var postsWritten = 0
    /// Final usernames by user index, read per post (reaching into `staging.users` copied a whole user).
    private var usernames: [String] = []
    /// Source emoji name → its Mattermost name: a run has few distinct reactions and many uses (capped,
    /// so an export of a million distinct names does not grow it).
    private var reactionNames: [String: ReactionNames.Mapped?] = [:]

    private func endPhase(_ name: String) {
        let now = DispatchTime.now()
        phaseFinished?(name, Double(now.uptimeNanoseconds - phaseStart.uptimeNanoseconds) / 1e9)
        phaseStart = now
    }

    /// - Parameter files: where attachment bytes come from; `nil` exports no files (and counts them
    ///   as skipped).
    public init(staging: MigrationStaging, files: SourceFileReader?, options: ExportOptions) {
        self.staging = staging
        self.files = files
        self.options = options
    }

    /// Writes the package to `url` (through a temporary file renamed into place) and returns the
    /// run report.
    @discardableResult
    public func export(to url: URL) throws -> MigrationReport {
        phaseStart = DispatchTime.now()
        staging.dropUnresolvedMemberships()
        try staging.flush()
        fileRegistry = try FileRegistry(directory: staging.directory)
        let users = try UserPlan(staging: staging, options: options)
        let plan = try ConversationPlan(staging: staging)
        let (outcome, stats, order) = try staging.database.write { db in
            try ThreadFinalizer.run(db, merges: plan.merges, stagedSweeps: staging.sweeps, phase: endPhase)
        }
        endPhase("export index")
        recordTimeChanges(outcome)
        try staging.database.write { db in try prepareExportTables(db, plan: plan) }
        let output = try ImportPackageWriter(destination: url, compressionLevel: options.compressionLevel)
        let lines = ImportLineEncoder(output: output)
        do {
            try staging.database.read { db in
                try writeVersion(lines)
                try writeTeams(lines)
                try writeChannels(lines, plan: plan)
                try writeUsers(lines, db: db, users: users, plan: plan, stats: stats)
                try writeBots(lines, users: users)
                try writeEmoji(lines, db: db)
                endPhase("teams, channels, users")
                usernames = staging.users.map(\.username)
                try writePosts(lines, db: db, plan: plan, order: order, direct: false)
                endPhase("channel posts")
                try writeDirectChannels(lines, plan: plan)
                try writePosts(lines, db: db, plan: plan, order: order, direct: true)
                try lines.finish()
                endPhase("direct posts")
                ConversationFigureCollector.collect(stats, staging: staging, plan: plan)
            }
            try copyFiles(output)
            try output.finish()
            endPhase("files and zip")
        } catch {
            lines.cancel()
            output.abort()
            throw error
        }
        return staging.report
    }

    // MARK: lines

    private func writeVersion(_ lines: ImportLineEncoder) throws {
        try lines.emit(.version(VersionInfo(generator: "mattermove", version: options.generatorVersion)))
    }

    private func writeTeams(_ lines: ImportLineEncoder) throws {
        for team in staging.teams {
            let source = team.source
            var line = TeamImport(name: team.name, type: source.isOpen ? "O" : "I", allowOpenInvite: source.isOpen)
            line.displayName = limited(source.displayName.isEmpty ? team.name : source.displayName,
                                       runes: MattermostLimits.teamDisplayNameMaxRunes, kind: "team_display_name", item: team.name)
            if let description = source.description, !description.isEmpty {
                line.description = limited(description, bytes: MattermostLimits.teamDescriptionMaxBytes, kind: "team_description", item: team.name)
            }
            try lines.emit(.team(line))
            staging.report.output.teams += 1
        }
    }

    private func writeChannels(_ lines: ImportLineEncoder, plan: ConversationPlan) throws {
        for target in plan.targets {
            guard case .channel(let channel) = target else { continue }
            let source = channel.source
            var line = ChannelImport(team: staging.teams[channel.team].name, name: channel.name, type: source.isPrivate ? "P" : "O")
            let display = (source.displayName?.isEmpty == false ? source.displayName : nil) ?? source.name
            line.displayName = limited(display.isEmpty ? channel.name : display, runes: MattermostLimits.channelDisplayNameMaxRunes,
                                       kind: "channel_display_name", item: channel.name)
            line.header = source.header.flatMap { $0.isEmpty ? nil : limited($0, runes: MattermostLimits.channelHeaderMaxRunes, kind: "channel_header", item: channel.name) }
            line.purpose = source.purpose.flatMap { $0.isEmpty ? nil : limited($0, runes: MattermostLimits.channelPurposeMaxRunes, kind: "channel_purpose", item: channel.name) }
            if let archived = source.archivedAt { line.deletedAt = max(archived, 1) }
            try lines.emit(.channel(line))
            staging.report.output.channels += 1
        }
    }

    private func writeUsers(_ lines: ImportLineEncoder, db: Database, users: UserPlan, plan: ConversationPlan,
                            stats: [Int: ConversationStats]) throws {
        let memberships = try Row.fetchCursor(db, sql: "SELECT user, conv, admin FROM member ORDER BY user, conv")
        var pending: Row? = try memberships.next()
        let allTeams = Array(staging.teams.indices)
        let latest = stats.values.map(\.lastTime).max() ?? 1
        for (index, user) in staging.users.enumerated() {
            // Collect this user's channel memberships (the cursor is ordered by user).
            var channelsByTeam: [Int: [UserChannelImport]] = [:]
            while let row = pending, (row[0] as Int) <= index {
                // The cursor reuses its row: read it before advancing.
                let (member, conv, admin): (Int, Int, Bool) = (row[0], row[1], row[2])
                pending = try memberships.next()
                guard member == index, case .channel(let channel) = plan.targets[conv] else { continue }
                var membership = UserChannelImport(name: channel.name,
                                                   roles: UserPlan.channelRoles(user.source.role, isChannelAdmin: admin))
                let stat = stats[conv] ?? ConversationStats()
                membership.msgCount = stat.total
                membership.msgCountRoot = stat.roots
                membership.mentionCount = 0
                membership.mentionCountRoot = 0
                membership.lastViewedAt = stat.lastTime
                channelsByTeam[channel.team, default: []].append(membership)
            }
            guard !user.source.isBot else {
                let dropped = channelsByTeam.values.reduce(0) { $0 + $1.count }
                staging.report.recordChanged("membership", reason: "bot channel memberships left out (Mattermost's bot lines carry none)",
                                             item: user.username, count: dropped)
                continue
            }
            let source = user.source
            var line = UserImport(username: user.username, email: users.emails[index])
            line.firstName = optionalLimited(source.firstName, runes: MattermostLimits.firstNameMaxRunes, kind: "user_first_name", item: user.username)
            line.lastName = optionalLimited(source.lastName, runes: MattermostLimits.lastNameMaxRunes, kind: "user_last_name", item: user.username)
            line.nickname = optionalLimited(source.nickname, runes: MattermostLimits.nicknameMaxRunes, kind: "user_nickname", item: user.username)
            line.position = optionalLimited(source.position, runes: MattermostLimits.positionMaxRunes, kind: "user_position", item: user.username)
            line.roles = UserPlan.systemRoles(source.role)
            if let locale = source.locale, !locale.isEmpty, locale.utf8.count <= MattermostLimits.localeMaxBytes { line.locale = locale }
            if user.isPlaceholder {
                line.deleteAt = latest
            } else if let deleted = source.deletedAt {
                line.deleteAt = max(deleted, 1)
            }
            if let image = source.profileImage, files != nil {
                line.profileImage = try register(image, folder: "profile/\(user.username)")
            }
            let teamIndices = user.isPlaceholder ? [] : (source.teamIDs?.compactMap { staging.teamIndex[$0] } ?? allTeams)
            let memberTeams = Set(teamIndices).union(channelsByTeam.keys).sorted()
            if !memberTeams.isEmpty {
                line.teams = memberTeams.map { team in
                    UserTeamImport(name: staging.teams[team].name, roles: UserPlan.teamRoles(source.role), channels: channelsByTeam[team])
                }
            }
            try lines.emit(.user(line))
            staging.report.output.users += 1
        }
    }

    private func writeBots(_ lines: ImportLineEncoder, users: UserPlan) throws {
        for (index, user) in staging.users.enumerated() where user.source.isBot {
            let source = user.source
            let display = [source.firstName, source.lastName].compactMap { $0 }.joined(separator: " ")
            var line = BotImport(username: user.username, owner: users.botOwners[index], description: source.botDescription)
            line.displayName = optionalLimited(display.isEmpty ? source.nickname : display, runes: MattermostLimits.botDisplayNameMaxRunes,
                                               kind: "bot_display_name", item: user.username)
            if let deleted = source.deletedAt { line.deleteAt = max(deleted, 1) }
            try lines.emit(.bot(line))
            staging.report.output.bots += 1
        }
    }

    private func writeEmoji(_ lines: ImportLineEncoder, db: Database) throws {
        var seen = Set<String>()
        for emoji in staging.emoji {
            guard files != nil else {
                staging.report.recordSkipped("emoji", reason: "custom emoji image not exported (attachments skipped)", item: emoji.name)
                continue
            }
            guard let mapped = ReactionNames.mattermostName(for: emoji.name), seen.insert(mapped.name).inserted else {
                staging.report.recordSkipped("emoji", reason: "custom emoji name unusable or duplicate", item: emoji.name)
                continue
            }
            let path = try register(emoji.image, folder: "emoji/\(mapped.name)")
            try lines.emit(.emoji(EmojiImport(name: mapped.name, image: path)))
            staging.report.output.emoji += 1
        }
    }

    private func writeDirectChannels(_ lines: ImportLineEncoder, plan: ConversationPlan) throws {
        for target in plan.targets {
            guard case .direct(let members, let header) = target else { continue }
            var line = DirectChannelImport(members: members)
            line.header = header.flatMap { $0.isEmpty ? nil : limited($0, runes: MattermostLimits.channelHeaderMaxRunes, kind: "direct_channel_header", item: members.joined(separator: ",")) }
            try lines.emit(.directChannel(line))
            staging.report.output.directChannels += 1
        }
    }

    // MARK: posts

    /// Writes each conversation's threads in order: roots by time, each followed by its replies by
    /// time (`ThreadFinalizer` made times unique within a conversation).
    private func writePosts(_ lines: ImportLineEncoder, db: Database, plan: ConversationPlan, order: ExportOrder, direct: Bool) throws {
        let columns = "m.seq, m.author, m.text, m.extras, coalesce(m.final_ts, m.ts)"
        // Conversations in key order: roots by key range (which is time order there), each followed by
        // the replies naming it, from the replies' index.
        let roots = FastStatement(try db.makeStatement(sql: """
            SELECT \(columns) FROM message m
            WHERE m.seq BETWEEN ? AND ? AND m.root_seq IS NULL ORDER BY m.seq
            """))
        let replies = FastStatement(try db.makeStatement(sql: """
            SELECT \(columns), m.root_seq FROM message m INDEXED BY message_thread
            WHERE m.conv = ? AND m.root_seq IS NOT NULL ORDER BY m.root_seq, coalesce(m.final_ts, m.ts), m.seq
            """))
        // The conversations out of key order: through the time index made for them alone.
        let sorted = order.needsTimeIndex ? FastStatement(try db.makeStatement(sql: """
            SELECT \(columns), m.root_seq IS NOT NULL FROM message m INDEXED BY message_export
            WHERE m.conv = ?\(order.timeIndexCondition(column: "m.conv").map { " AND " + $0 } ?? "")
            ORDER BY m.conv, coalesce(m.thread_ts, m.final_ts, m.ts), m.root_seq IS NOT NULL, coalesce(m.final_ts, m.ts), m.seq
            """)) : nil
        for (conv, target) in plan.targets.enumerated() {
            let thread: ThreadBuilder
            switch target {
            case .channel(let channel) where !direct:
                thread = ThreadBuilder(kind: .channel(team: staging.teams[channel.team].name, channel: channel.name))
            case .direct(let members, _) where direct:
                thread = ThreadBuilder(kind: .direct(members: members))
            default:
                continue
            }
            if let range = order.keyRanges[conv] {
                roots.reset()
                roots.bind(1, range.lowerBound)
                roots.bind(2, range.upperBound)
                replies.reset()
                replies.bind(1, Int64(conv))
                var hasReply = try replies.step(db)
                while try roots.step(db) {
                    if let (line, bytes) = thread.finish() { try lines.emit(line, approximateBytes: bytes) }
                    try add(roots, isReply: false, to: thread)
                    let root = roots.int64(0)
                    while hasReply, replies.int64(5) == root {
                        try add(replies, isReply: true, to: thread)
                        hasReply = try replies.step(db)
                    }
                }
                // Every reply's root is a root of this conversation; a reply left over is a bug.
                guard !hasReply else { throw ExportError.replyWithoutRoot(conversation: conv) }
            } else if let sorted {
                sorted.reset()
                sorted.bind(1, Int64(conv))
                while try sorted.step(db) {
                    let isReply = sorted.int64(5) != 0
                    if !isReply, let (line, bytes) = thread.finish() { try lines.emit(line, approximateBytes: bytes) }
                    try add(sorted, isReply: isReply, to: thread)
                }
            }
            if let (line, bytes) = thread.finish() { try lines.emit(line, approximateBytes: bytes) }
        }
        progress?("writing posts", postsWritten, staging.stagedRows)
    }

    /// Adds the post at the statement's current row (columns: seq, author, text, extras, time).
    private func add(_ rows: FastStatement, isReply: Bool, to thread: ThreadBuilder) throws {
        postsWritten += 1
        if postsWritten % 8_192 == 0 { progress?("writing posts", postsWritten, staging.stagedRows) }
        let author = usernames[Int(rows.int64(1))]
        let time = rows.int64(4)
        let extras = try rows.bytes(3).map { try StagedExtras(encoded: $0) } ?? StagedExtras()
        let attachments = try attachments(extras.files)
        let reactions = reactions(extras.reactions, at: time)
        let flagged = extras.flaggedByIDs?.compactMap { staging.username(forUserID: $0) }
        let message = ThreadBuilder.Message(user: author, text: rows.string(2), createAt: time, extras: extras,
                                            attachments: attachments, reactions: reactions, flaggedBy: flagged)
        thread.add(message, isReply: isReply, output: &staging.report.output)
    }

    private func reactions(_ source: [SourceReaction]?, at postTime: Int64) -> [ReactionImport]? {
        guard let source, !source.isEmpty else { return nil }
        var seen = Set<String>()
        var result: [ReactionImport] = []
        for reaction in source {
            let known = reactionNames[reaction.emoji]
            let name = known ?? ReactionNames.mattermostName(for: reaction.emoji)
            if known == nil, reactionNames.count < 4_096 { reactionNames[reaction.emoji] = name }
            guard let mapped = name else {
                staging.report.recordSkipped("reactions", reason: "emoji name cannot be expressed as a Mattermost shortcode",
                                             item: reaction.emoji, count: reaction.userIDs.count)
                continue
            }
            for userID in reaction.userIDs {
                guard let user = staging.username(forUserID: userID) else { continue }
                guard seen.insert("\(mapped.name)\u{1F}\(user)").inserted else {
                    staging.report.recordChanged("reaction", reason: "same user, same emoji (skin tones folded): merged", item: reaction.emoji)
                    continue
                }
                if let change = mapped.change { staging.report.recordChanged("reaction", reason: change, item: "\(reaction.emoji) → \(mapped.name)") }
                result.append(ReactionImport(user: user, emojiName: mapped.name, createAt: max(reaction.createdAt ?? postTime, postTime)))
            }
        }
        staging.report.output.reactions += result.count
        return result.isEmpty ? nil : result
    }

    // MARK: files

    private func attachments(_ files: [SourceFile]?) throws -> [AttachmentImport]? {
        guard let files, !files.isEmpty else { return nil }
        guard self.files != nil else {
            staging.report.recordSkipped("files", reason: "attachments not exported (--skip-attachments)", count: files.count)
            return nil
        }
        var result: [AttachmentImport] = []
        for file in files {
            result.append(AttachmentImport(path: try register(file, folder: Self.safeComponent(file.id))))
        }
        staging.report.output.attachments += result.count
        return result
    }

    /// Remembers a file for the zip (once per path) and returns its path under `data/`.
    @discardableResult
    private func register(_ file: SourceFile, folder: String) throws -> String {
        let path = "\(folder)/\(Self.safeComponent(file.name.isEmpty ? "file" : file.name))".precomposedStringWithCanonicalMapping
        try fileRegistry.register(path: path, file: file)
        return path
    }

    /// Streams every registered file into the zip, after the JSONL, each path once.
    private func copyFiles(_ output: ImportPackageWriter) throws {
        guard let reader = files else { return }
        var copied = 0
        try fileRegistry.forEach { path, file in
            copied += 1
            progress?("copying files", copied, 0)
            do {
                try output.addFile(at: path, size: file.size) { write in
                    try reader.readFile(file) { chunk in try write(chunk) }
                }
            } catch let error as ExportError {
                throw error
            } catch {
                throw ExportError.fileUnreadable(path: path, reason: "\(error)")
            }
        }
    }

    /// One path component: no separators, no `.`/`..`, no control characters.
    static func safeComponent(_ name: String) -> String {
        var cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar == "/" || scalar == "\\" || scalar.value < 0x20 ? "_" : Character(scalar)
        })
        if cleaned == "." || cleaned == ".." || cleaned.isEmpty { cleaned = "_" + cleaned }
        return cleaned.prefix(bytes: 200)
    }

    // MARK: helpers

    private func prepareExportTables(_ db: Database, plan: ConversationPlan) throws {
        // Groups turned into private channels get their members as channel memberships.
        for (conv, target) in plan.targets.enumerated() {
            guard case .channel = target, case .direct(let direct) = staging.conversations[conv] else { continue }
            for user in direct.members {
                try db.execute(sql: "INSERT INTO member(conv, user, admin) VALUES (?, ?, 0)", arguments: [conv, user])
            }
        }
    }

    private func recordTimeChanges(_ outcome: ThreadFinalizer.Outcome) {
        let report = { (reason: String, count: Int) in self.staging.report.recordChanged("message", reason: reason, count: count) }
        report("reply whose thread root is missing; the thread's earliest reply became its root", outcome.promotedRoots)
        report("reply to a reply; attached to the thread's root (Mattermost threads are one level deep)", outcome.flattenedReplies)
        report("reply older than its root; moved to 1 ms after the root", outcome.repliesMovedAfterRoot)
        report("same millisecond as an earlier message in the channel; moved later by 1 ms per collision", outcome.bumpedTimestamps)
        report("time at or before the Unix epoch; moved to 1 ms", outcome.clampedToPositive)
    }

    private func limited(_ value: String, runes: Int, kind: String, item: String) -> String {
        guard value.runeCount > runes else { return value }
        staging.report.recordChanged(kind, reason: "longer than \(runes) characters; truncated", item: item)
        return value.prefix(runes: runes)
    }

    private func limited(_ value: String, bytes: Int, kind: String, item: String) -> String {
        guard value.byteCount > bytes else { return value }
        staging.report.recordChanged(kind, reason: "longer than \(bytes) bytes; truncated", item: item)
        return value.prefix(bytes: bytes)
    }

    private func optionalLimited(_ value: String?, runes: Int, kind: String, item: String) -> String? {
        guard let value, !value.isEmpty else { return nil }
        return limited(value, runes: runes, kind: kind, item: item)
    }
}

/// What the time sweep learns of one conversation's final rows: totals for memberships' read state,
/// and the report's figures (times, re-timed posts, posts per month), so no second scan is needed.
struct ConversationStats {
    var total: Int64 = 0
    var roots: Int64 = 0
    var firstTime: Int64?
    var lastTime: Int64 = 1
    /// Posts whose time was moved to keep times unique and positive.
    var retimed = 0
    /// `year * 100 + month` (UTC) → posts; the sweep runs in time order, so one month is open at a time.
    var postsPerMonth: [Int: Int] {
        var months = closedMonths
        if openMonthPosts > 0 { months[openMonth, default: 0] += openMonthPosts }
        return months
    }
    /// The months before the open one; the open month's posts are counted apart (a dictionary update
    /// per post was a tenth of staging a message, where the sweep now runs).
    private var closedMonths: [Int: Int] = [:]
    private var openMonthPosts = 0
    private var openDay: Int64 = -1
    private var openMonth = 0

    /// Counts one post at its final time `time` (milliseconds, ≥ 1).
    mutating func count(time: Int64, isRoot: Bool, retimed moved: Bool) {
        total += 1
        if isRoot { roots += 1 }
        if moved { retimed += 1 }
        if firstTime == nil { firstTime = time }
        lastTime = time
        let day = time / 86_400_000
        if day != openDay {
            openDay = day
            let month = UTCMonth.key(daysSinceEpoch: day)
            if month != openMonth {
                if openMonthPosts > 0 { closedMonths[openMonth, default: 0] += openMonthPosts }
                openMonth = month
                openMonthPosts = 0
            }
        }
        openMonthPosts += 1
    }
}
