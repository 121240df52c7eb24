import Foundation

extension MigrationReport {
    /// The message figures of one exported conversation (channel, DM or group), keyed in the report
    /// by its source id. Merged conversations are folded into the one they were merged into.
    public struct ConversationFigures: Sendable, Equatable {
        /// Source messages: exported ones plus skipped ones (split parts are not extra input).
        public var messagesIn = 0
        /// Posts and replies written, split parts included.
        public var messagesOut = 0
        public var skipped = 0
        /// Messages split, or moved in time to fit Mattermost's thread and time rules.
        public var changed = 0
        /// Earliest and latest exported post time (milliseconds since 1970, UTC); nil without posts.
        public var firstPostAt: Int64?
        public var lastPostAt: Int64?
        /// `YYYY-MM` (UTC) → posts written with a time in that month.
        public var postsPerMonth: [String: Int] = [:]

        public init() {}

        /// Adds `other`'s figures (for a conversation merged into this one).
        mutating func absorb(_ other: ConversationFigures) {
            messagesIn += other.messagesIn
            messagesOut += other.messagesOut
            skipped += other.skipped
            changed += other.changed
            firstPostAt = [firstPostAt, other.firstPostAt].compactMap { $0 }.min()
            lastPostAt = [lastPostAt, other.lastPostAt].compactMap { $0 }.max()
            postsPerMonth.merge(other.postsPerMonth, uniquingKeysWith: +)
        }
    }

    /// Every month from the earliest to the latest in any conversation, in order (`YYYY-MM`), so a
    /// histogram shows empty months too; only the months with posts when that would be over a
    /// century (hostile timestamps). Empty when no posts were written.
    public var monthRange: [String] {
        let months = Set(conversations.values.flatMap(\.postsPerMonth.keys))
        guard let first = months.min().flatMap(Self.yearMonth), let end = months.max().flatMap(Self.yearMonth) else { return [] }
        if (end.0 - first.0) * 12 + end.1 - first.1 >= 1_200 { return months.sorted() }
        var (year, month) = first
        var result: [String] = []
        while (year, month) <= end {
            result.append(String(format: "%04d-%02d", year, month))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        return result
    }

    private static func yearMonth(_ key: String) -> (Int, Int)? {
        let parts = key.split(separator: "-")
        guard parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]) else { return nil }
        return (year, month)
    }
}
