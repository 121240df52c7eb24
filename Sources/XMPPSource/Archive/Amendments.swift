/// XEP-0308 corrections and XEP-0444 reactions, gathered in a first pass so that the message they
/// amend is staged already corrected and with its reactions. Held in memory: they are a small share
/// of an archive (only rows that carry one are read in that pass).
struct Amendments {
    struct Correction {
        var text: StanzaText
        var time: Int64
        var location: String
        var conversation: String
        var author: String
        var id: String
        /// Correction rows seen for this key in the second pass (the last one wins).
        var rows = 0
        var applied = false
    }

    struct Reactions {
        /// Author → that author's current set of reactions (each stanza replaces the previous set).
        var byAuthor: [String: [String]] = [:]
        var rows = 0
        var applied = false
    }

    /// By `conversation ␟ target id ␟ author`: only the author may correct a message.
    var corrections: [String: Correction] = [:]
    /// By `conversation ␟ target id`.
    var reactions: [String: Reactions] = [:]

    static func key(_ parts: String...) -> String { parts.joined(separator: "\u{1F}") }

    mutating func noteCorrection(of target: String, in conversation: String, by author: String, text: StanzaText,
                                 time: Int64, location: String, id: String) {
        let key = Self.key(conversation, target, author)
        // Rows come oldest first: a later correction replaces an earlier one.
        if let existing = corrections[key], existing.time > time { return }
        corrections[key] = Correction(text: text, time: time, location: location, conversation: conversation, author: author, id: id)
    }

    mutating func noteReactions(to target: String, in conversation: String, by author: String, emoji: [String]) {
        reactions[Self.key(conversation, target), default: Reactions()].byAuthor[author] = emoji
    }
}
