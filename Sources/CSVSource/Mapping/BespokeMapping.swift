import Foundation
import SourceToolkit

/// How the rows of a bespoke export become messages: which column or JSON path holds each part of a
/// message, how times are written, and how CSV files are quoted. Loaded from a YAML file
/// (`MappingLoader`) or, without one, Slack's CSV import layout (`slackLayout`).
public struct BespokeMapping: Sendable, Equatable {
    /// The parts of a message and where each is; `user`, `timestamp`, and `channel` or `dmMembers` are required.
    public struct Fields: Sendable, Equatable {
        public var user: FieldReference?
        public var channel: FieldReference?
        /// Members of a direct or group conversation (a list), the author included or not.
        public var dmMembers: FieldReference?
        /// A flag (`true`, `1`, `yes`, `dm`) that makes the row a direct message.
        public var dmFlag: FieldReference?
        public var timestamp: FieldReference?
        public var text: FieldReference?
        public var messageID: FieldReference?
        /// The message id (or, in Slack's layout, the time) of the thread's root.
        public var threadParentID: FieldReference?
        public var editedAt: FieldReference?
        /// One or more paths relative to `--files-root` (a list).
        public var attachments: FieldReference?
        /// `emoji:user1,user2;emoji2:user3`, or in JSON `[{"emoji", "users"}]` / `{"emoji": [users]}`.
        public var reactions: FieldReference?
        /// `public`/`open`/`O`, `private`/`P`, or `direct`/`dm`/`D`/`G`.
        public var channelType: FieldReference?
        public var channelHeader: FieldReference?

        public init() {}

        /// Every field with its mapping-file key, in a fixed order.
        static var keys: [(String, WritableKeyPath<Fields, FieldReference?>)] { [
            ("user", \.user), ("channel", \.channel), ("dm_members", \.dmMembers), ("dm", \.dmFlag),
            ("timestamp", \.timestamp), ("text", \.text), ("message_id", \.messageID),
            ("thread_parent_id", \.threadParentID), ("edited_at", \.editedAt), ("attachments", \.attachments),
            ("reactions", \.reactions), ("channel_type", \.channelType), ("channel_header", \.channelHeader),
        ] }
    }

    public var fields = Fields()
    public var timestamp = TimestampFormat()
    /// Format of `edited_at` (default: the timestamp's).
    public var editedAt: TimestampFormat?
    /// CSV: the first row names the columns.
    public var header = true
    /// CSV: the separator (`nil`: detected from the first row, unless `--delimiter` gives it).
    public var delimiter: CSVDialect.Delimiter?
    /// CSV: `\"` escapes a quote inside quotes (Slack's layout) besides `""`.
    public var backslashEscapes = false
    /// Separator of list values in a CSV cell (DM members, attachments, reactions).
    public var listSeparator = ";"

    public init() {}

    /// Slack's CSV import layout: no header, `"unix_ts","channel","username","text"`, `\"` escapes,
    /// then the optional extension columns thread parent ts, attachment path(s), DM flag, DM members.
    /// The time is the message's id, as in Slack, so a thread parent names its root by time.
    public static let slackLayout: BespokeMapping = {
        var mapping = BespokeMapping()
        mapping.fields.timestamp = .number(1)
        mapping.fields.messageID = .number(1)
        mapping.fields.channel = .number(2)
        mapping.fields.user = .number(3)
        mapping.fields.text = .number(4)
        mapping.fields.threadParentID = .number(5)
        mapping.fields.attachments = .number(6)
        mapping.fields.dmFlag = .number(7)
        mapping.fields.dmMembers = .number(8)
        mapping.timestamp = TimestampFormat(.unixSeconds)
        mapping.header = false
        mapping.delimiter = .comma
        mapping.backslashEscapes = true
        return mapping
    }()
}
