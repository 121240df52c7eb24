import MigrationCore

/// A key of the archive's scratch tables: a conversation, a message (or thread) id and, for some,
/// an author. Its hashes, which the in-memory filters check first, are taken from the parts; the text
/// (the parts joined by U+001F, what the tables store) is built only for the few keys a filter may
/// hold. Building and hashing the text of three keys per row was a third of the row's time.
struct ArchiveKey {
    let conversation: String
    let id: String
    let author: String?
    let hashes: (UInt64, UInt64)

    init(_ conversation: String, _ id: String, _ author: String? = nil) {
        self.conversation = conversation
        self.id = id
        self.author = author
        hashes = KeyFilter.hashes(conversation, id, author)
    }

    /// A key whose author is a JID, hashed from its parts without making its text (only the hashes
    /// are used: stored copies are keyed so, once per personal row). Its `text` is not the joined parts.
    init(_ conversation: String, author: XMPPJID, _ id: String) {
        self.conversation = conversation
        self.id = id
        self.author = nil
        // The domain always given ("" for none: a JID's domain is never empty), so parts cannot shift.
        hashes = KeyFilter.hashes(conversation, author.localpart, author.domain ?? "", id)
    }

    var text: String {
        let separator = "\u{1F}"
        guard let author else { return conversation + separator + id }
        return conversation + separator + id + separator + author
    }
}

extension KeyFilter {
    mutating func insert(_ key: ArchiveKey) { insert(key.hashes.0, key.hashes.1) }
    func mayContain(_ key: ArchiveKey) -> Bool { mayContain(key.hashes.0, key.hashes.1) }
}
