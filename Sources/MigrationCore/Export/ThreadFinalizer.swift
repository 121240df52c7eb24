import GRDB

/// The SQL passes that turn staged messages into Mattermost-shaped threads and times, run once after
/// the reader has finished. All work happens in SQLite, so memory stays flat with history size.
enum ThreadFinalizer {
    /// The message table read through the replies' partial index (only rows with `rsid` ever get a
    /// `root_seq`), for the passes over replies.
    private static let replies = "message INDEXED BY message_reply"
    /// The condition of an `UPDATE message` over every reply in key order: the replies' keys are
    /// collected from their index first, and the rows are then visited in table order. Updating
    /// through the index order jumps around the table, which in a long conversation misses the page
    /// cache on nearly every row (one 1 M-message channel: twice the time of 200 channels).
    private static let everyReplyInKeyOrder = "seq IN (SELECT seq FROM \(replies) WHERE rsid IS NOT NULL)"

    struct Outcome {
        var promotedRoots = 0
        var flattenedReplies = 0
        var repliesMovedAfterRoot = 0
        var bumpedTimestamps = 0
        var clampedToPositive = 0
    }

    /// - Parameter merges: direct conversations folded into another with the same members.
    /// - Parameter stagedSweeps: the key-order sweeps staging made as rows came in; used instead of
    ///   reading the table again when nothing replies and no conversation was merged.
    static func run(_ db: Database, merges: [Int: Int], stagedSweeps: StagedSweeps? = nil,
                    phase: (String) -> Void = { _ in }) throws -> (Outcome, [Int: ConversationStats], ExportOrder) {
        var outcome = Outcome()
        for (from, to) in merges.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "UPDATE message SET conv = ? WHERE conv = ?", arguments: [to, from])
        }
        // Replies are a minority: a partial index finds them without scanning every message.
        try db.execute(sql: "CREATE INDEX message_reply ON message(conv, rsid, ts) WHERE rsid IS NOT NULL")
        phase("index replies")
        try resolveRoots(db, &outcome)
        phase("resolve thread roots")
        try promoteOrphans(db, &outcome)
        phase("promote orphan replies")
        let (stats, order) = try assignTimes(db, &outcome, staged: merges.isEmpty ? stagedSweeps?.withoutReplies : nil)
        phase("unique times")
        // Conversations in key order merge each root's replies by `root_seq`; only the others need the
        // thread's time on every reply, for the full index.
        if order.needsTimeIndex {
            try db.execute(sql: """
                UPDATE \(replies) SET thread_ts = (SELECT coalesce(r.final_ts, r.ts) FROM message r WHERE r.seq = message.root_seq)
                WHERE rsid IS NOT NULL AND root_seq IS NOT NULL\(order.timeIndexCondition().map { " AND " + $0 } ?? "")
                """)
            try db.execute(sql: """
                CREATE INDEX message_export ON message(conv, coalesce(thread_ts, final_ts, ts), root_seq IS NOT NULL, coalesce(final_ts, ts), seq)
                \(order.timeIndexCondition().map { "WHERE " + $0 } ?? "")
                """)
        }
        try db.execute(sql: """
            CREATE INDEX message_thread ON message(conv, root_seq, coalesce(final_ts, ts), seq) WHERE root_seq IS NOT NULL
            """)
        return (outcome, stats, order)
    }

    /// Links each reply to its root's row; replies to replies are re-pointed at the thread's root
    /// (Mattermost threads are one level deep). This and the later passes over replies go through
    /// the replies' partial index, not the whole table.
    private static func resolveRoots(_ db: Database, _ outcome: inout Outcome) throws {
        try indexRootCandidates(db)
        try db.execute(sql: """
            UPDATE message SET root_seq = nullif((
                SELECT c.seq FROM root_candidate c WHERE c.conv = message.conv AND c.sid = message.rsid
                ORDER BY c.seq LIMIT 1), seq)
            WHERE \(everyReplyInKeyOrder)
            """)
        // A reply to a reply needs a candidate that is a reply and that another reply names. Few
        // candidates are replies, so this asks the small table first, and scans the replies for
        // the exact answer only when it may be yes.
        let mayChain = """
            SELECT EXISTS(SELECT 1 FROM root_candidate c WHERE c.is_reply AND EXISTS(
                SELECT 1 FROM message m INDEXED BY message_reply WHERE m.conv = c.conv AND m.rsid = c.sid AND m.rsid IS NOT NULL AND m.seq <> c.seq))
            """
        let chains = """
            SELECT EXISTS(SELECT 1 FROM message m INDEXED BY message_reply JOIN message p ON p.seq = m.root_seq
                          WHERE m.rsid IS NOT NULL AND p.root_seq IS NOT NULL)
            """
        // Without a reply to a reply there is nothing to flatten, and no cycle (a cycle is such a chain).
        guard try Bool.fetchOne(db, sql: mayChain) ?? false, try Bool.fetchOne(db, sql: chains) ?? false else { return }
        for _ in 0..<32 {
            let changed = try pointRepliesOneLevelUp(db)
            outcome.flattenedReplies += changed
            if try changed == 0 || !(Bool.fetchOne(db, sql: chains) ?? false) { break }
        }
        // A cycle of replies never reaches a root: break it by making its members roots.
        try db.execute(sql: """
            UPDATE \(replies) SET root_seq = NULL
            WHERE rsid IS NOT NULL AND root_seq IS NOT NULL
              AND root_seq IN (SELECT seq FROM \(replies) WHERE rsid IS NOT NULL AND root_seq IS NOT NULL)
            """)
        try db.execute(sql: "UPDATE \(replies) SET root_seq = NULL WHERE rsid IS NOT NULL AND root_seq = seq")
    }

    /// Copies the rows some reply names as its root (by conversation and source id) into a small
    /// indexed table. A filter of the replies' keys picks them out in one pass over the table, which
    /// is much cheaper than indexing every row by source id when replies are a minority.
    private static func indexRootCandidates(_ db: Database) throws {
        var named = KeyFilter(log2Bits: 23)
        var replyCount = 0
        let replyKeys = FastStatement(try db.makeStatement(sql: "SELECT conv, rsid FROM \(replies) WHERE rsid IS NOT NULL"))
        while try replyKeys.step(db) {
            let (first, second) = KeyFilter.hashes(replyKeys.int64(0), replyKeys.int64(1))
            named.insert(first, second)
            replyCount += 1
        }
        try db.execute(sql: """
            CREATE TABLE root_candidate(conv INTEGER NOT NULL, sid INTEGER NOT NULL, seq INTEGER NOT NULL, is_reply INTEGER NOT NULL)
            """)
        // Made after the rows: one sorted build, not one index insert per row.
        let index = "CREATE INDEX root_candidate_source ON root_candidate(conv, sid, seq)"
        // Sources without threads (HipChat, most chat archives) name no root: no pass over every row.
        guard replyCount > 0 else { return try db.execute(sql: index) }
        let insert = FastStatement(try db.makeStatement(sql: "INSERT INTO root_candidate(conv, sid, seq, is_reply) VALUES (?, ?, ?, ?)"))
        let rows = FastStatement(try db.makeStatement(sql: "SELECT conv, sid, seq, rsid IS NOT NULL FROM message"))
        while try rows.step(db) {
            let conv = rows.int64(0), sid = rows.int64(1)
            let (first, second) = KeyFilter.hashes(conv, sid)
            guard named.mayContain(first, second) else { continue }
            insert.reset()
            insert.bind(1, conv)
            insert.bind(2, sid)
            insert.bind(3, rows.int64(2))
            insert.bind(4, rows.int64(3))
            try insert.execute(db)
        }
        try db.execute(sql: index)
    }

    /// Replies whose root is missing are never dropped: the earliest reply of each such thread becomes
    /// its root and the others reply to it.
    private static func promoteOrphans(_ db: Database, _ outcome: inout Outcome) throws {
        // New roots by reply, spilled past a batch: an export of orphans only would hold one per row.
        let updates = RowValueLog()
        var currentKey: (Int64, Int64)?
        var currentRoot: Int64 = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT conv, rsid, seq FROM \(replies) WHERE rsid IS NOT NULL AND root_seq IS NULL
            ORDER BY conv, rsid, ts, seq
            """)
        while let row = try rows.next() {
            let key = (row[0] as Int64, row[1] as Int64)
            let seq: Int64 = row[2]
            if let current = currentKey, current == key {
                try updates.append(conv: key.0, seq: seq, value: currentRoot)
            } else {
                currentKey = key
                currentRoot = seq
                outcome.promotedRoots += 1
            }
        }
        let setRoot = FastStatement(try db.makeStatement(sql: "UPDATE message SET root_seq = ? WHERE seq = ?"))
        try updates.forEach { seq, root in try setRoot.execute(db, binding: root, seq) }
        // A reply that now follows the promoted root may have had replies of its own: they go to the
        // new root too. One pass is enough, as before this every reply's root was a root.
        if !updates.isEmpty { outcome.flattenedReplies += try pointRepliesOneLevelUp(db) }
    }

    /// Re-points every reply whose root is itself a reply at that reply's root; returns how many.
    private static func pointRepliesOneLevelUp(_ db: Database) throws -> Int {
        try db.execute(sql: """
            UPDATE \(replies) SET root_seq = (SELECT p.root_seq FROM message p WHERE p.seq = message.root_seq)
            WHERE rsid IS NOT NULL
              AND root_seq IN (SELECT seq FROM \(replies) WHERE rsid IS NOT NULL AND root_seq IS NOT NULL)
            """)
        return db.changesCount
    }

    /// Mattermost needs `(channel, create_at)` unique across roots and replies, replies strictly after
    /// their root, and every time above zero. One sweep per conversation in time order bumps
    /// collisions by 1 ms, which keeps the source order and leaves unique times untouched. The same
    /// sweep gathers each conversation's figures (read state, report) from the times it assigns.
    ///
    /// Sources mostly give a conversation's messages in time order, and staging keeps a conversation's
    /// rows together, so the sweep first reads the table in key order without any index. Only the
    /// conversations found out of order there (or split over two key runs by a merge) are swept again
    /// through a time index, which is built just for them.
    private static func assignTimes(_ db: Database, _ outcome: inout Outcome,
                                    staged: KeyOrderSweeps?) throws -> ([Int: ConversationStats], ExportOrder) {
        try db.execute(sql: """
            UPDATE message SET ts = (SELECT r.ts FROM message r WHERE r.seq = message.root_seq) + 1
            WHERE \(everyReplyInKeyOrder) AND root_seq IS NOT NULL
              AND ts <= (SELECT r.ts FROM message r WHERE r.seq = message.root_seq)
            """)
        outcome.repliesMovedAfterRoot = db.changesCount
        let sweeps = try staged ?? sweepInKeyOrder(db)

        var stats: [Int: ConversationStats] = [:]
        var order = ExportOrder()
        for (conv, sweep) in sweeps.swept where !sweeps.outOfOrder.contains(conv) {
            sweep.times.commit(into: &outcome)
            stats[Int(conv)] = sweep.times.stats
            order.keyRanges[Int(conv)] = sweep.firstSeq...sweep.lastSeq
        }
        let setFinalTime = FastStatement(try db.makeStatement(sql: "UPDATE message SET final_ts = ? WHERE seq = ?"))
        func apply(_ log: RowValueLog, where include: (Int64) -> Bool) throws {
            try log.forEach(where: include) { seq, ts in try setFinalTime.execute(db, binding: ts, seq) }
        }
        try apply(sweeps.log) { !sweeps.outOfOrder.contains($0) }
        order.timeOrdered = sweeps.outOfOrder.sorted()
        if order.needsTimeIndex {
            let condition = order.timeIndexCondition()
            try db.execute(sql: "CREATE INDEX message_time ON message(conv, ts, seq, root_seq) \(condition.map { "WHERE " + $0 } ?? "")")
            let byTime = FastStatement(try db.makeStatement(sql: """
                SELECT seq, ts, root_seq IS NULL FROM message INDEXED BY message_time
                WHERE conv = ?\(condition.map { " AND " + $0 } ?? "") ORDER BY ts, seq
                """))
            let log = RowValueLog()
            for conv in order.timeOrdered {
                var times = TimeSweep(conv: conv, log: log)
                byTime.reset()
                byTime.bind(1, conv)
                while try byTime.step(db) { try times.add(seq: byTime.int64(0), ts: byTime.int64(1), isRoot: byTime.int64(2) != 0) }
                times.commit(into: &outcome)
                stats[Int(conv)] = times.stats
            }
            try apply(log) { _ in true }
        }
        return (stats, order)
    }

    /// Reads the table in key order and sweeps each conversation while its times do not go back (the
    /// sweeps staging made replace this read when nothing replies).
    private static func sweepInKeyOrder(_ db: Database) throws -> KeyOrderSweeps {
        let log = RowValueLog()
        var swept: [Int64: KeyOrderSweep] = [:]
        var outOfOrder = Set<Int64>()
        var current: KeyOrderSweep?
        let rows = FastStatement(try db.makeStatement(sql: "SELECT seq, conv, ts, root_seq IS NULL FROM message ORDER BY seq"))
        while try rows.step(db) {
            let seq = rows.int64(0), conv = rows.int64(1), ts = rows.int64(2)
            if current?.conv != conv {
                if let finished = current { swept[finished.conv] = finished }
                current = nil
                if swept[conv] != nil { outOfOrder.insert(conv) }
                if !outOfOrder.contains(conv) { current = KeyOrderSweep(conv: conv, firstSeq: seq, log: log) }
            }
            guard current != nil else { continue }
            if try !current!.add(seq: seq, ts: ts, isRoot: rows.int64(3) != 0) {
                outOfOrder.insert(conv)
                current = nil
            }
        }
        if let finished = current { swept[finished.conv] = finished }
        return KeyOrderSweeps(swept: swept, outOfOrder: outOfOrder, log: log)
    }
}

/// How the export reads each conversation's posts in thread order (roots by time, each followed by
/// its replies by time).
struct ExportOrder {
    /// Conversations whose rows are one run of keys with times rising in key order: the export reads
    /// their roots by key range and merges in the replies from an index on replies only.
    var keyRanges: [Int: ClosedRange<Int64>] = [:]
    /// The conversations not in key order, read through time indexes instead.
    var timeOrdered: [Int64] = []

    var needsTimeIndex: Bool { !timeOrdered.isEmpty }

    /// Up to this many conversations out of order, the time indexes hold their rows alone.
    static let maxPartialIndexConversations = 16

    /// The condition that limits the time indexes to `timeOrdered` (partial indexes), or `nil` when
    /// they index every row: ten conversations out of order among a thousand made both indexes cover
    /// every row. A query repeats the condition, which is what lets SQLite use such an index. Tests
    /// of `=` joined by OR, not `IN (…)`: SQLite rebuilt an `IN` list's lookup table for every row it
    /// indexed (slower than indexing every row), and one test more per row costs little until the
    /// list is long.
    func timeIndexCondition(column: String = "conv") -> String? {
        guard !timeOrdered.isEmpty, timeOrdered.count <= Self.maxPartialIndexConversations else { return nil }
        return "(" + timeOrdered.map { "\(column) = \($0)" }.joined(separator: " OR ") + ")"
    }
}
