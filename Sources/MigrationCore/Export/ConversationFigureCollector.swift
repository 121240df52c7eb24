import GRDB

/// Fills the report's per-conversation figures (posts out, dates, posts per month, re-timed posts)
/// from the finalised staging rows, with one grouped scan, so no per-message state is kept. Runs
/// after the thread and time passes, so the times are those written to the package.
enum ConversationFigureCollector {
    static func collect(_ db: Database, staging: MigrationStaging, plan: ConversationPlan) throws {
        for (conv, count) in staging.messagesStaged.enumerated() where count > 0 {
            staging.report.conversations[staging.sourceID(ofConversation: conv), default: MigrationReport.ConversationFigures()]
                .messagesIn += count
        }
        // Merged conversations' source-side figures (messages in, skips) move to their survivor.
        for (from, to) in plan.merges.sorted(by: { $0.key < $1.key }) {
            guard let merged = staging.report.conversations.removeValue(forKey: staging.sourceID(ofConversation: from)) else { continue }
            staging.report.conversations[staging.sourceID(ofConversation: to), default: MigrationReport.ConversationFigures()].absorb(merged)
        }
        for (conv, target) in plan.targets.enumerated() {
            if case .merged = target { continue }
            let id = staging.sourceID(ofConversation: conv)
            if staging.report.conversations[id] == nil { staging.report.conversations[id] = MigrationReport.ConversationFigures() }
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT conv, strftime('%Y-%m', coalesce(final_ts, ts) / 1000, 'unixepoch') AS month, count(*),
                   min(coalesce(final_ts, ts)), max(coalesce(final_ts, ts)), sum(final_ts IS NOT NULL)
            FROM message GROUP BY conv, month
            """)
        while let row = try rows.next() {
            let id = staging.sourceID(ofConversation: row[0] as Int)
            let month: String? = row[1]
            let count: Int = row[2], first: Int64 = row[3], last: Int64 = row[4], retimed: Int = row[5]
            var figures = staging.report.conversations[id] ?? MigrationReport.ConversationFigures()
            figures.messagesOut += count
            figures.changed += retimed
            figures.postsPerMonth[month ?? "1970-01", default: 0] += count
            figures.firstPostAt = min(figures.firstPostAt ?? first, first)
            figures.lastPostAt = max(figures.lastPostAt ?? last, last)
            staging.report.conversations[id] = figures
        }
    }
}
