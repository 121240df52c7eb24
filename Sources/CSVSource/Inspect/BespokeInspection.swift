/// What `inspect csv|jsonl` reports: the columns each file has, a few rows as the mapping reads
/// them, the counts a conversion will meet, and the problems it will run into.
public struct BespokeInspection: Codable, Sendable, Equatable {
    public struct File: Codable, Sendable, Equatable {
        public var name: String
        /// CSV: the separator used (`,` `;` `tab`); JSON Lines: nil.
        public var delimiter: String?
        /// CSV: the header (or `1`, `2`, … without one); JSON Lines: the top-level keys of the first rows.
        public var columns: [String]
        /// Data rows (a header not counted; bad rows included).
        public var rows: Int
        public var badRows: Int
    }

    public struct SampleRow: Codable, Sendable, Equatable {
        public var location: String
        public var user: String
        public var conversation: String
        /// UTC, ISO 8601.
        public var time: String
        public var text: String
        public var messageID: String?
        public var threadParentID: String?
        public var attachments: [String]
        public var reactions: Int
    }

    public var files: [File] = []
    public var samples: [SampleRow] = []
    /// Rows that convert to messages (bad rows not included).
    public var messages = 0
    public var users = 0
    public var channels = 0
    public var directConversations = 0
    public var attachments = 0
    /// Bad rows with location and reason (the first 20), and their total.
    public var badRows: [String] = []
    public var badRowCount = 0
    /// Attachments missing or outside the files root (the first 20), and their total.
    public var missingAttachments: [String] = []
    public var missingAttachmentCount = 0
    /// Authors, DM members and reactors absent from `--users` (the first 20), and their total.
    public var unknownUsers: [String] = []
    public var unknownUserCount = 0
    public var channelTypeConflicts: [String] = []
}
