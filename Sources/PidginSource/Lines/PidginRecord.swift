/// One logged event: a line (TXT: with its continuation lines) of a conversation log.
struct PidginRecord: Equatable {
    /// What libpurple's message flags made of the line.
    enum Kind: String, Equatable {
        /// SEND or RECV: a normal message.
        case message
        /// `/me` (`***name text`).
        case action
        /// An away message sent or received automatically (`name <AUTO-REPLY>: text`).
        case autoReply
        /// A private message inside a room (`*name* text`).
        case whisper
        /// Status, join/leave, topic and other client notices (no sender).
        case system
        /// A client error notice (red, no sender).
        case error
        /// A raw line without a sender (protocol text such as an IRC MOTD).
        case raw
        /// A line of a `.system` account log (`---- text @ time ----`).
        case systemLog
    }

    /// Own or received, where the HTML logger's colour says so (TXT never does).
    enum Direction: Equatable { case sent, received }

    var kind: Kind
    var direction: Direction?
    /// The display name as written: alias, nickname or screen name (with resource).
    var sender: String?
    /// The message as Mattermost Markdown (HTML converted; TXT as written).
    var text: String
    var stamp: PidginStamp
    /// 1-based line number and byte offset of the line in its file.
    var line: Int
    var offset: Int
    /// `src` of inline images in the message (saved next to the log).
    var images: [String] = []
}
