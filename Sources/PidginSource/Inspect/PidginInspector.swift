import Foundation
import MigrationCore
import SourceToolkit

/// What `mattermove inspect pidgin` reports: the same reading as `convert` (lenient: every problem is
/// counted, nothing stops), summed up.
public struct PidginInspection: Codable, Sendable, Equatable {
    public var trees: [String]
    public var logFiles = 0
    public var otherFiles = 0
    public var unreadableFiles = 0
    /// Conversations by kind: `im` (become direct messages), `room` (become channels), `system` (skipped).
    public var conversations: [String: Int] = [:]
    /// Room names (as merged across trees).
    public var rooms: [String] = []
    /// Lines read as records or found unparseable: what `convert` counts as messages in.
    public var linesIn = 0
    /// Lines that become posts, by kind (`message`, `action`, `autoReply`).
    public var posts: [String: Int] = [:]
    /// Lines left out, by reason (system lines, whispers, duplicates, unknown lines, …).
    public var skipped: [String: Int] = [:]
    /// Second copies of messages found in another account's log of the same conversation.
    public var duplicateCopies = 0
    /// Conversations logged by more than one account (merged).
    public var mergedConversations = 0
    public var unparseableLines = 0
    /// The first unparseable lines and unreadable files (file:line (byte offset)).
    public var problems: [String] = []
    /// Senders attributed without evidence (TXT IM logs; add them to --user-map).
    public var guessedSenders = 0
    /// First and last message day (UTC, YYYY-MM-DD).
    public var firstDay: String?
    public var lastDay: String?
}

public enum PidginInspector {
    /// Problems listed by name (the counts are complete).
    static let maxProblems = 50

    public static func inspect(roots: [URL], options: PidginOptions, progress: ConversionProgress? = nil) throws -> PidginInspection {
        var options = options
        options.lenient = true
        let identities = PidginIdentities(ownerMap: options.ownerMap, userMap: options.userMap)
        var result = PidginInspection(trees: roots.indices.map { PidginLogSet.displayName(roots, $0) })
        let set = try PidginLogSet(roots: roots, identities: identities) { _, _ in result.otherFiles += 1 }
        guard set.fileCount > 0 else { throw PidginSourceError.noLogs(roots.map(\.path).joined(separator: ", ")) }
        result.logFiles = set.fileCount
        for conversation in set.conversations {
            switch conversation.kind {
            case .im: result.conversations["im", default: 0] += 1
            case .chat(let room):
                result.conversations["room", default: 0] += 1
                result.rooms.append(room)
            case .system: result.conversations["system", default: 0] += 1
            }
            let copies = Set(conversation.folders.map { "\($0.root)/\(PidginIdentities.normalized($0.account))" })
            if copies.count > 1 { result.mergedConversations += 1 }
        }
        var first: Int64?, last: Int64?
        func note(_ problem: String) {
            if result.problems.count < maxProblems { result.problems.append(problem) }
        }
        try PidginWalker(set: set, roots: roots, identities: identities, options: options).walk { event in
            switch event {
            case .message(let message, let kind):
                result.linesIn += 1
                result.posts[kind.rawValue, default: 0] += 1
                first = min(first ?? message.createdAt, message.createdAt)
                last = max(last ?? message.createdAt, message.createdAt)
            case .skippedLine(let reason, let item, _):
                result.linesIn += 1
                result.skipped[reason, default: 0] += 1
                if reason == PidginWalker.SkipReason.duplicate { result.duplicateCopies += 1 }
                if reason == PidginWalker.SkipReason.unknown {
                    result.unparseableLines += 1
                    note(item)
                }
            case .skippedFile(let reason, let item):
                result.unreadableFiles += 1
                note("\(item): \(reason)")
            case .changed(_, let reason, _):
                if reason.hasPrefix("sender name matches neither") { result.guessedSenders += 1 }
            case .fileDone(let done):
                if done % 256 == 0 || done == set.fileCount { progress?("reading logs", done, set.fileCount) }
            }
        }
        result.firstDay = first.map(day)
        result.lastDay = last.map(day)
        return result
    }

    private static func day(_ millis: Int64) -> String {
        let days = Int(floor(Double(millis) / 86_400_000))
        let date = Date(timeIntervalSince1970: TimeInterval(days) * 86_400)
        return ISO8601DateFormatter.string(from: date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    }
}
