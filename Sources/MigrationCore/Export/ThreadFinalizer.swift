import GRDB

/// The SQL passes that turn staged messages into Mattermost-shaped threads and times, run once after
/// the reader has finished. All work happens in SQLite, so memory stays flat with history size.
enum ThreadFinalizer {
    struct Outcome {
        var promotedRoots = 0
        var flattenedReplies = 0
        var repliesMovedAfterRoot = 0
        var bumpedTimestamps = 0
        var clampedToPositive = 0
    }

    /// - Parameter merges: direct conversations folded into another with the same members.
    static func run(_ db: Database, merges: [Int: Int], phase: (String) -> Void = { _ in }) throws -> (Outcome, [Int: ConversationStats]) {
        var outcome = Outcome()
        var stats: [Int: ConversationStats] = [:]
        for (from, to) in merges.sorted(by: { $0.key < $1.key }) {
            try db.execute(sql: "UPDATE message SET conv = ? WHERE conv = ?", arguments: [to, from])
        }
        try db.execute(sql: "CREATE INDEX message_source ON message(conv, sid)")
        // Replies are a minority: a partial index finds them without scanning every message.
        try db.execute(sql: "CREATE INDEX message_reply ON message(conv, rsid, ts) WHERE rsid IS NOT NULL")
        phase("index source ids")
        try resolveRoots(db, &outcome)
        phase("resolve thread roots")
        try promoteOrphans(db, &outcome)
        phase("promote orphan replies")
        stats = try assignTimes(db, &outcome)
        phase("unique times")
        try db.execute(sql: """
            UPDATE message SET thread_ts = (SELECT coalesce(r.final_ts, r.ts) FROM message r WHERE r.seq = message.root_seq)
            WHERE root_seq IS NOT NULL
            """)
        phase("thread times")
        try db.execute(sql: """
            CREATE INDEX message_export ON message(conv, coalesce(thread_ts, final_ts, ts), root_seq IS NOT NULL, coalesce(final_ts, ts), seq)
            """)
        return (outcome, stats)
    }

    /// Links each reply to its root's row; replies to replies are re-pointed at the thread's root
    /// (Mattermost threads are one level deep).
    private static func resolveRoots(_ db: Database, _ outcome: inout Outcome) throws {
        try db.execute(sql: """
            UPDATE message SET root_seq = (
                SELECT r.seq FROM message r WHERE r.conv = message.conv AND r.sid = message.rsid
                ORDER BY r.seq LIMIT 1)
            WHERE rsid IS NOT NULL
            """)
        try db.execute(sql: "UPDATE message SET root_seq = NULL WHERE root_seq = seq")
        for _ in 0..<32 {
            let chained = try Bool.fetchOne(db, sql: """
                SELECT EXISTS(SELECT 1 FROM message m JOIN message p ON p.seq = m.root_seq WHERE p.root_seq IS NOT NULL)
                """) ?? false
            if !chained { break }
            try db.execute(sql: """
                UPDATE message SET root_seq = (SELECT p.root_seq FROM message p WHERE p.seq = message.root_seq)
                WHERE root_seq IN (SELECT seq FROM message WHERE root_seq IS NOT NULL)
                """)
            let changed = db.changesCount
            outcome.flattenedReplies += changed
            if changed == 0 { break }
        }
        // A cycle of replies never reaches a root: break it by making its members roots.
        try db.execute(sql: """
            UPDATE message SET root_seq = NULL
            WHERE root_seq IS NOT NULL AND root_seq IN (SELECT seq FROM message WHERE root_seq IS NOT NULL)
            """)
        try db.execute(sql: "UPDATE message SET root_seq = NULL WHERE root_seq = seq")
    }

    /// Replies whose root is missing are never dropped: the earliest reply of each such thread becomes
    /// its root and the others reply to it.
    private static func promoteOrphans(_ db: Database, _ outcome: inout Outcome) throws {
        var updates: [(seq: Int64, root: Int64)] = []
        var currentKey: (Int64, Int64)?
        var currentRoot: Int64 = 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT conv, rsid, seq FROM message INDEXED BY message_reply WHERE rsid IS NOT NULL AND root_seq IS NULL
            ORDER BY conv, rsid, ts, seq
            """)
        while let row = try rows.next() {
            let key = (row[0] as Int64, row[1] as Int64)
            let seq: Int64 = row[2]
            if let current = currentKey, current == key {
                updates.append((seq, currentRoot))
            } else {
                currentKey = key
                currentRoot = seq
                outcome.promotedRoots += 1
            }
        }
        let statement = try db.makeStatement(sql: "UPDATE message SET root_seq = ? WHERE seq = ?")
        for update in updates { try statement.execute(arguments: [update.root, update.seq]) }
    }

    /// Mattermost needs `(channel, create_at)` unique across roots and replies, replies strictly after
    /// their root, and every time above zero. One sweep per conversation in time order bumps
    /// collisions by 1 ms, which keeps the source order and leaves unique times untouched. The same
    /// sweep gathers each conversation's figures (read state, report) from the times it assigns.
    private static func assignTimes(_ db: Database, _ outcome: inout Outcome) throws -> [Int: ConversationStats] {
        var stats: [Int: ConversationStats] = [:]
        var current = ConversationStats()
        try db.execute(sql: """
            UPDATE message SET ts = (SELECT r.ts FROM message r WHERE r.seq = message.root_seq) + 1
            WHERE root_seq IS NOT NULL AND ts <= (SELECT r.ts FROM message r WHERE r.seq = message.root_seq)
            """)
        outcome.repliesMovedAfterRoot = db.changesCount
        try db.execute(sql: "CREATE INDEX message_time ON message(conv, ts, seq, root_seq)")
        var bumps: [(seq: Int64, ts: Int64)] = []
        var lastConv: Int64 = -1
        var last: Int64 = 0
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, conv, ts, root_seq IS NULL FROM message ORDER BY conv, ts, seq")
        while let row = try rows.next() {
            let seq: Int64 = row[0], conv: Int64 = row[1], ts: Int64 = row[2], isRoot: Bool = row[3]
            if conv != lastConv {
                if lastConv >= 0 { stats[Int(lastConv)] = current }
                current = ConversationStats()
                lastConv = conv
                last = 0
            }
            let assigned = max(ts, last + 1)
            if assigned != ts {
                bumps.append((seq, assigned))
                if ts <= 0 && last == 0 { outcome.clampedToPositive += 1 } else { outcome.bumpedTimestamps += 1 }
            }
            last = assigned
            current.count(time: assigned, isRoot: isRoot, retimed: assigned != ts)
        }
        if lastConv >= 0 { stats[Int(lastConv)] = current }
        let statement = try db.makeStatement(sql: "UPDATE message SET final_ts = ? WHERE seq = ?")
        for bump in bumps { try statement.execute(arguments: [bump.ts, bump.seq]) }
        return stats
    }
}
