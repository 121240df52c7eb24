import MattermostImport
import MigrationCore

/// A small model that exercises every Mattermost-side rule of the core at least once: name
/// collisions, non-ASCII and reserved names, long texts, more than ten files, orphan replies,
/// same-millisecond messages, groups over eight members, duplicate groups, a self-DM, missing and
/// duplicate emails, unknown authors, skin tones and Unicode reactions.
public enum AdversarialModel {
    public static let base: Int64 = 1_700_000_000_000

    /// Fills `staging`. Users without email need `ExportOptions.defaultEmailDomain`; the bot is owned
    /// by its source owner.
    public static func fill(_ staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: "T1", name: "Acme Inc", displayName: "Acme Inc ✨"))
        try staging.add(SourceTeam(id: "T2", name: "helpdesk", description: String(repeating: "d", count: 300), isOpen: false))

        let users: [SourceUser] = [
            SourceUser(id: "U1", username: "Alice", email: "Alice@Example.com", firstName: "Alice", role: .admin),
            SourceUser(id: "U2", username: "alice", email: "alice2@example.com"),
            SourceUser(id: "U3", username: "Ñoño Müller", email: "nono@example.com", lastName: String(repeating: "ü", count: 70)),
            SourceUser(id: "U4", username: "all", email: "ALICE@example.com"),
            SourceUser(id: "U5", username: "bob", email: nil, nickname: "Bobby"),
            SourceUser(id: "U6", username: "carol", email: "carol@example.com", role: .guest, teamIDs: ["T1"]),
            SourceUser(id: "U7", username: "dave", email: "not an email", deletedAt: base - 1000),
            SourceUser(id: "U8", username: "Deploy Bot", isBot: true, botOwnerID: "U1", botDescription: "ships things"),
            SourceUser(id: "U9", username: "東京", email: "tokyo@example.com", position: String(repeating: "p", count: 200)),
        ] + (10...20).map { SourceUser(id: "U\($0)", username: "member\($0)", email: "member\($0)@example.com") }
        for user in users { try staging.add(user) }

        let channels: [SourceChannel] = [
            SourceChannel(id: "C1", teamID: "T1", name: "general", purpose: String(repeating: "x", count: 300),
                          memberIDs: ["U1", "U2", "U3", "U4", "U5", "U6", "U7", "U9", "U404"], adminIDs: ["U1"]),
            SourceChannel(id: "C2", teamID: "T1", name: "General", header: String(repeating: "h", count: 1100), memberIDs: ["U1", "U2"]),
            SourceChannel(id: "C3", teamID: "T1", name: "Москва", memberIDs: ["U1", "U3"]),
            SourceChannel(id: "C4", teamID: "T1", name: "meetup", memberIDs: ["U1"]),
            SourceChannel(id: "C5", teamID: "T1", name: "meetup-", memberIDs: ["U1"]),
            SourceChannel(id: "C6", teamID: "T1", name: String(repeating: "ab", count: 20), isPrivate: true, memberIDs: ["U1", "U6"]),
            SourceChannel(id: "C7", teamID: "T2", name: "archive", displayName: String(repeating: "Long name ", count: 10),
                          archivedAt: base + 10, memberIDs: ["U2"]),
        ]
        for channel in channels { try staging.add(channel) }

        let directs: [SourceDirectConversation] = [
            SourceDirectConversation(id: "D1", memberIDs: ["U1", "U5"]),
            SourceDirectConversation(id: "D2", memberIDs: ["U5", "U1"]),
            SourceDirectConversation(id: "D3", memberIDs: ["U1"]),
            SourceDirectConversation(id: "G1", memberIDs: ["U1", "U2", "U3"], header: "trio"),
            SourceDirectConversation(id: "G2", memberIDs: ["U3", "U2", "U1"]),
            SourceDirectConversation(id: "G3", memberIDs: (10...20).map { "U\($0)" }, name: "Big Group"),
            SourceDirectConversation(id: "G4", memberIDs: ["U1", "U2", "U999"]),
        ]
        for direct in directs { try staging.add(direct) }

        staging.add(SourceEmoji(name: "party-parrot", image: SyntheticFiles.gif(id: "E1", name: "parrot.gif")))

        var t = base
        func next(_ step: Int64 = 1000) -> Int64 { t += step; return t }
        var messages: [SourceMessage] = []
        // Long message, split into replies.
        messages.append(SourceMessage(id: "m1", conversationID: "C1", authorID: "U1",
                                      text: (0..<4000).map { "word\($0) " }.joined() + "\n" + String(repeating: "z", count: 20000),
                                      createdAt: next()))
        // 25 files: three posts.
        messages.append(SourceMessage(id: "m2", conversationID: "C1", authorID: "U2", text: "many files", createdAt: next(),
                                      files: (1...25).map { SyntheticFiles.file(id: "F\($0)", name: "résumé \($0).txt", size: 100 + $0) }))
        // Orphan replies (root never exported).
        messages.append(SourceMessage(id: "m3", conversationID: "C1", authorID: "U3", text: "orphan 1", createdAt: next(), threadRootID: "gone"))
        messages.append(SourceMessage(id: "m4", conversationID: "C1", authorID: "U4", text: "orphan 2", createdAt: next(), threadRootID: "gone"))
        // Same millisecond, five times, plus a reply in that thread older than its root.
        let same = next()
        for i in 0..<5 {
            messages.append(SourceMessage(id: "s\(i)", conversationID: "C1", authorID: "U1", text: "same ms \(i)", createdAt: same))
        }
        messages.append(SourceMessage(id: "s5", conversationID: "C1", authorID: "U2", text: "reply before root", createdAt: same - 5000, threadRootID: "s0"))
        // A reply to a reply; unknown author; reactions with skin tones, Unicode, unknown reactor.
        messages.append(SourceMessage(id: "r1", conversationID: "C1", authorID: "U5", text: "root", createdAt: next(), isPinned: true,
                                      reactions: [SourceReaction(emoji: "thumbsup", userIDs: ["U1", "U2"]),
                                                  SourceReaction(emoji: "thumbsup::skin-tone-3", userIDs: ["U1"]),
                                                  SourceReaction(emoji: "👍", userIDs: ["U3"]),
                                                  SourceReaction(emoji: "🦩", userIDs: ["U4"]),
                                                  SourceReaction(emoji: "wave", userIDs: ["U777"], createdAt: base)],
                                      flaggedByIDs: ["U2"]))
        messages.append(SourceMessage(id: "r2", conversationID: "C1", authorID: "U1", text: "reply", createdAt: next(), threadRootID: "r1"))
        messages.append(SourceMessage(id: "r3", conversationID: "C1", authorID: "U888", text: "reply to reply by a stranger",
                                      createdAt: next(), threadRootID: "r2", editedAt: t + 50))
        messages.append(SourceMessage(id: "sys", conversationID: "C1", authorID: "U2", text: "joined", createdAt: next(), postType: "system_join_channel"))
        messages.append(SourceMessage(id: "bot", conversationID: "C1", authorID: "U8", text: "deployed", createdAt: next(),
                                      props: JSONObject([("from_bot", .string("true")), ("attachments", .array([.object(JSONObject([("text", .string("ok"))]))]))])))
        messages.append(SourceMessage(id: "zero", conversationID: "C2", authorID: "U1", text: "at the epoch", createdAt: 0))
        messages.append(SourceMessage(id: "ru", conversationID: "C3", authorID: "U3", text: "Привет", createdAt: next()))
        messages.append(SourceMessage(id: "a1", conversationID: "C7", authorID: "U2", text: "archived talk", createdAt: next()))
        // Direct conversations, including the duplicate pair, the self-DM and the big group.
        messages.append(SourceMessage(id: "d1", conversationID: "D1", authorID: "U1", text: "hi bob", createdAt: next()))
        messages.append(SourceMessage(id: "d2", conversationID: "D2", authorID: "U5", text: "hi alice", createdAt: t, flaggedByIDs: ["U1", "U3"]))
        messages.append(SourceMessage(id: "d3", conversationID: "D2", authorID: "U1", text: "thread reply", createdAt: next(), threadRootID: "d2"))
        messages.append(SourceMessage(id: "n1", conversationID: "D3", authorID: "U1", text: "note to self", createdAt: next()))
        messages.append(SourceMessage(id: "g1", conversationID: "G1", authorID: "U2", text: "group hello", createdAt: next()))
        messages.append(SourceMessage(id: "g2", conversationID: "G2", authorID: "U3", text: "same group", createdAt: next()))
        messages.append(SourceMessage(id: "g3", conversationID: "G3", authorID: "U10", text: "big group", createdAt: next()))
        messages.append(SourceMessage(id: "g4", conversationID: "G4", authorID: "U999", text: "from a stranger", createdAt: next()))
        for message in messages { try staging.add(message) }
        staging.recordSkipped(.messages, reason: "tombstone (deleted in the source)", item: "C1:tomb")
    }
}
