import MigrationCore

/// A row turned into the parts of one message (users named by their source username).
struct MappedRow {
    enum ChannelKind: String { case open = "public", `private` }

    enum Target: Equatable {
        case channel(name: String)
        /// Members sorted and unique, the author included.
        case direct(members: [String])
    }

    var author: String
    var target: Target
    var createdAt: Int64
    var text: String
    var messageID: String?
    var threadParentID: String?
    var editedAt: Int64?
    var attachments: [String]
    var reactions: [SourceReaction]
    /// Per-row channel type and header (channels only).
    var channelKind: ChannelKind?
    var channelHeader: String?

    /// The staging id of the conversation: the channel name, or `dm:` and the sorted members.
    var conversationID: String {
        switch target {
        case .channel(let name): name
        case .direct(let members): "dm:" + members.joined(separator: ",")
        }
    }
}
