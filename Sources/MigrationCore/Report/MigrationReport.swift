import MattermostImport

/// The run report (`--report report.json`): what came in, what went out, and every item that was
/// skipped or changed, with its reason. Counts balance: for every input kind, input = exported +
/// skipped (split parts are counted under `changed`).
public struct MigrationReport: Sendable {
    /// Kinds of input the report counts. A skip of one of these also counts it as input.
    public enum InputKind: String, Sendable, CaseIterable {
        case users, channels, directChannels = "direct_channels", messages, reactions, files
    }

    public struct InputCounts: Sendable, Equatable {
        public var users = 0, channels = 0, directChannels = 0, messages = 0, reactions = 0, files = 0

        subscript(kind: InputKind) -> Int {
            get {
                switch kind {
                case .users: users
                case .channels: channels
                case .directChannels: directChannels
                case .messages: messages
                case .reactions: reactions
                case .files: files
                }
            }
            set {
                switch kind {
                case .users: users = newValue
                case .channels: channels = newValue
                case .directChannels: directChannels = newValue
                case .messages: messages = newValue
                case .reactions: reactions = newValue
                case .files: files = newValue
                }
            }
        }
    }

    public struct OutputCounts: Sendable, Equatable {
        public var teams = 0, channels = 0, users = 0, bots = 0, directChannels = 0
        public var posts = 0, replies = 0, directPosts = 0, directReplies = 0, reactions = 0, attachments = 0
        public var emoji = 0
    }

    /// One line of `skipped` or `changed`: a kind of item, why, how many, and the first items named.
    public struct Entry: Sendable, Equatable {
        public var kind: String
        public var reason: String
        public var count: Int
        /// The first `MigrationReport.maxItemsPerEntry` items (ids, URLs, names) this entry is about.
        public var items: [String]
    }

    public static let maxItemsPerEntry = 10_000

    public var source: String
    public var input = InputCounts()
    public var output = OutputCounts()
    public private(set) var skipped: [Entry] = []
    public private(set) var changed: [Entry] = []
    /// Source user id → Mattermost username.
    /// Things the admin must know or do before importing (one line each), e.g. accounts that must
    /// already exist on the server.
    public var notes: [String] = []
    public var userMapping: [String: String] = [:]
    /// Source channel id → channel name; direct conversations map to their member usernames.
    public var channelMapping: [String: ReportChannelTarget] = [:]
    /// Per exported conversation (by source id): messages in and out, skips, changes, dates, months.
    public var conversations: [String: ConversationFigures] = [:]

    public init(source: String) {
        self.source = source
    }

    public enum ReportChannelTarget: Sendable, Equatable {
        case channel(team: String, name: String)
        case direct(members: [String])
    }

    /// Records skipped items. Skips of an input kind also count as input, so the totals balance.
    /// Skipped messages of a known `conversation` (source id) also count in its figures.
    public mutating func recordSkipped(_ kind: String, reason: String, item: String? = nil, count: Int = 1,
                                       conversation: String? = nil) {
        if let inputKind = InputKind(rawValue: kind) { input[inputKind] += count }
        if let conversation, kind == InputKind.messages.rawValue {
            conversations[conversation, default: ConversationFigures()].messagesIn += count
            conversations[conversation, default: ConversationFigures()].skipped += count
        }
        Self.add(&skipped, kind: kind, reason: reason, item: item, count: count)
    }

    /// Records items that were kept but altered (renamed, truncated, split, merged, re-timed).
    /// Changed messages of a known `conversation` (source id) also count in its figures.
    public mutating func recordChanged(_ kind: String, reason: String, item: String? = nil, count: Int = 1,
                                       conversation: String? = nil) {
        if let conversation { conversations[conversation, default: ConversationFigures()].changed += count }
        Self.add(&changed, kind: kind, reason: reason, item: item, count: count)
    }

    public func skippedCount(_ kind: String) -> Int {
        skipped.filter { $0.kind == kind }.reduce(0) { $0 + $1.count }
    }

    public func changedCount(_ kind: String, reason: String? = nil) -> Int {
        changed.filter { $0.kind == kind && (reason == nil || $0.reason == reason) }.reduce(0) { $0 + $1.count }
    }

    private static func add(_ entries: inout [Entry], kind: String, reason: String, item: String?, count: Int) {
        guard count > 0 else { return }
        if let index = entries.firstIndex(where: { $0.kind == kind && $0.reason == reason }) {
            entries[index].count += count
            if let item, entries[index].items.count < maxItemsPerEntry { entries[index].items.append(item) }
        } else {
            entries.append(Entry(kind: kind, reason: reason, count: count, items: item.map { [$0] } ?? []))
        }
    }
}
