/// Fills the report's per-conversation figures (posts out, dates, posts per month, re-timed posts)
/// from what the thread finaliser's time sweep gathered (`ConversationStats`), so the times are those
/// written to the package and no second scan of the messages is needed.
enum ConversationFigureCollector {
    static func collect(_ stats: [Int: ConversationStats], staging: MigrationStaging, plan: ConversationPlan) {
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
        for (conv, stat) in stats.sorted(by: { $0.key < $1.key }) {
            let id = staging.sourceID(ofConversation: conv)
            var figures = staging.report.conversations[id] ?? MigrationReport.ConversationFigures()
            figures.messagesOut += Int(stat.total)
            figures.changed += stat.retimed
            for (month, count) in stat.postsPerMonth { figures.postsPerMonth[UTCMonth.text(month), default: 0] += count }
            if let first = stat.firstTime {
                figures.firstPostAt = min(figures.firstPostAt ?? first, first)
                figures.lastPostAt = max(figures.lastPostAt ?? stat.lastTime, stat.lastTime)
            }
            staging.report.conversations[id] = figures
        }
    }
}
