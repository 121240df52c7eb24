import MattermostImport

/// Collects one thread (a root and its replies, in order) and turns it into one `post` or
/// `direct_post` line. Only one thread is held at a time.
final class ThreadBuilder {
    enum Kind {
        case channel(team: String, channel: String)
        /// Sorted usernames; a self-DM lists its member twice.
        case direct(members: [String])
    }

    struct Message {
        var user: String
        var text: String
        var createAt: Int64
        var extras: StagedExtras
        var attachments: [AttachmentImport]?
        var reactions: [ReactionImport]?
        var flaggedBy: [String]?

        /// Copies the fields every post shape shares.
        func fill<Post: PostFields>(_ post: inout Post) {
            post.user = user
            post.message = text
            post.createAt = createAt
            post.type = extras.postType
            post.props = extras.props?.objectValue
            post.editAt = extras.editedAt
            post.flaggedBy = flaggedBy
            post.reactions = reactions
            post.attachments = attachments
            post.isPinned = extras.isPinned
        }
    }

    private let kind: Kind
    private var root: Message?
    private var replies: [ReplyImport] = []
    /// About what the open thread's line holds in memory (for `ImportLineEncoder`'s bound).
    private var approximateBytes = 0
    private static let bytesPerPost = 512

    init(kind: Kind) {
        self.kind = kind
    }

    /// Adds the next message of the conversation; a root must be preceded by `finish()`.
    func add(_ message: consuming Message, isReply: Bool, output: inout MigrationReport.OutputCounts) {
        if case .direct(let members) = kind {
            message.flaggedBy = message.flaggedBy?.filter(members.contains)
        }
        if message.flaggedBy?.isEmpty == true { message.flaggedBy = nil }
        let direct: Bool
        if case .direct = kind { direct = true } else { direct = false }
        if isReply && root != nil {
            var reply = ReplyImport()
            message.fill(&reply)
            replies.append(reply)
            approximateBytes += Self.bytesPerPost + message.text.utf8.count
            if direct { output.directReplies += 1 } else { output.replies += 1 }
        } else {
            approximateBytes = Self.bytesPerPost + message.text.utf8.count
            root = consume message
            if direct { output.directPosts += 1 } else { output.posts += 1 }
        }
    }

    /// The line for the collected thread and about how many bytes it holds, or `nil` if none is open;
    /// resets the builder.
    func finish() -> (line: ImportLine, approximateBytes: Int)? {
        // Taken, not copied: a message is a few hundred bytes.
        guard let root = self.root.take() else { return nil }
        // The line takes the replies' buffer; emptying it in place would copy it (the line shares it).
        let replies = self.replies.isEmpty ? nil : self.replies
        if replies != nil { self.replies = [] }
        switch kind {
        case .channel(let team, let channel):
            var post = PostImport(team: team, channel: channel)
            root.fill(&post)
            post.replies = replies
            return (Self.line(post), approximateBytes)
        case .direct(let members):
            var post = DirectPostImport(channelMembers: members)
            root.fill(&post)
            post.replies = replies
            return (Self.line(post), approximateBytes)
        }
    }

    // Taking the post as `consuming` lets it move into the line's box: built in place, it was copied
    // in and then destroyed (every string retained and released once more).
    private static func line(_ post: consuming PostImport) -> ImportLine { .post(post) }
    private static func line(_ post: consuming DirectPostImport) -> ImportLine { .directPost(post) }
}
