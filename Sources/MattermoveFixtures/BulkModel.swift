import MigrationCore

/// A large, regular model for benchmarks: `posts` messages over `channels` channels of one team,
/// `replyPercent`% of them thread replies, some with reactions and mentions, and a share in DMs.
public enum BulkModel {
    public static func fill(_ staging: MigrationStaging, posts: Int, channels: Int = 200, users: Int = 500,
                            replyPercent: Int = 10) throws {
        try staging.add(SourceTeam(id: "T", name: "bench"))
        for u in 0..<users {
            try staging.add(SourceUser(id: "U\(u)", username: "user\(u)", email: "user\(u)@example.com", firstName: "User", lastName: "\(u)"))
        }
        for c in 0..<channels {
            let members = (0..<20).map { "U\((c * 7 + $0) % users)" }
            try staging.add(SourceChannel(id: "C\(c)", teamID: "T", name: "channel-\(c)", memberIDs: members))
        }
        for d in 0..<50 {
            try staging.add(SourceDirectConversation(id: "D\(d)", memberIDs: ["U\(d)", "U\(d + 1)"]))
        }
        var rootsPerChannel = [Int](repeating: 0, count: channels)
        let start: Int64 = 1_600_000_000_000
        for i in 0..<posts {
            let direct = i % 20 == 19
            let c = i % channels
            let conversation = direct ? "D\(i % 50)" : "C\(c)"
            let time = start + Int64(i) * 1_500
            let author = "U\((i * 13) % users)"
            var text = "Message number \(i) with some ordinary words to make it look like chat, about deploys and lunch."
            if i % 5 == 0 { text += " cc @user\((i * 7) % users)" }
            let isReply = !direct && i % 100 < replyPercent && rootsPerChannel[c] > 0
            var message = SourceMessage(id: "m\(i)", conversationID: conversation, authorID: author, text: text, createdAt: time)
            if isReply {
                // Reply to one of the channel's earlier roots.
                message.threadRootID = "m\(i - channels * (1 + i % 3))"
            } else if !direct {
                rootsPerChannel[c] += 1
            }
            if i % 20 == 3 {
                message.reactions = [SourceReaction(emoji: "thumbsup", userIDs: ["U\((i + 1) % users)", "U\((i + 2) % users)"])]
            }
            try staging.add(message)
        }
    }
}
