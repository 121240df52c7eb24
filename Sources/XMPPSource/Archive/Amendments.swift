import Foundation
import GRDB
import MigrationCore
import SourceToolkit

/// XEP-0308 corrections and XEP-0444 reactions, gathered in a first pass so that the message they
/// amend is staged already corrected and with its reactions. They live in an SQLite scratch file, so
/// an archive of many corrections (some clients correct every other message) does not grow memory;
/// a filter in memory spares the lookup for the messages nothing amends, nearly all of them.
final class Amendments {
    struct Correction {
        var text: StanzaText
        var time: Int64
        var location: String
        var conversation: String
        var author: String
        var id: String
        /// Correction rows seen for this key in the second pass (the last one wins).
        var rows: Int
        var applied: Bool
    }

    struct ReactionTarget {
        var key: String
        var rows: Int
        var applied: Bool
    }

    private let store: ScratchStore
    private var database: DatabaseQueue { store.database }
    /// Every correction and reaction key stored (1 MiB whatever the archive's size).
    private var filter = KeyFilter(log2Bits: 23)
    /// Whether any correction or reaction key was noted: most archives have one kind or neither, and
    /// then a message's keys need not even be hashed.
    private(set) var hasCorrections = false
    private(set) var hasReactions = false

    init() throws {
        store = try ScratchStore(prefix: "mattermove-xmpp-amendments", cacheKiB: 4_000, schema: """
            CREATE TABLE correction(key TEXT PRIMARY KEY, text TEXT NOT NULL, post_type TEXT, time INTEGER NOT NULL,
                                    location TEXT NOT NULL, conversation TEXT NOT NULL, author TEXT NOT NULL, id TEXT NOT NULL,
                                    rows INTEGER NOT NULL DEFAULT 0, applied INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TABLE reaction_target(key TEXT PRIMARY KEY, rows INTEGER NOT NULL DEFAULT 0,
                                         applied INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;
            CREATE TABLE reaction(key TEXT NOT NULL, author TEXT NOT NULL, position INTEGER NOT NULL, emoji TEXT NOT NULL,
                                  PRIMARY KEY(key, author, position)) WITHOUT ROWID;
            """)
    }

    // MARK: pass 1

    /// Notes of the first pass not yet written: written together, in order, in one transaction per
    /// batch (a transaction per note cost a second per 10,000 corrections). Read before any lookup.
    private enum Note {
        case correction(key: String, text: StanzaText, time: Int64, location: String, conversation: String, author: String, id: String)
        case reactions(key: String, author: String, emoji: [String])
    }
    private var notes: [Note] = []
    private static let notesPerBatch = 4_096

    /// Keyed by conversation, target id and author: only the author may correct a message.
    func noteCorrection(of target: String, in conversation: String, by author: String, text: StanzaText,
                        time: Int64, location: String, id: String) throws {
        let key = ArchiveKey(conversation, target, author)
        filter.insert(key)
        hasCorrections = true
        notes.append(.correction(key: key.text, text: text, time: time, location: location, conversation: conversation, author: author, id: id))
        if notes.count >= Self.notesPerBatch { try writeNotes() }
    }

    /// Keyed by conversation and target id; each stanza replaces its author's previous set.
    func noteReactions(to target: String, in conversation: String, by author: String, emoji: [String]) throws {
        let key = ArchiveKey(conversation, target)
        filter.insert(key)
        hasReactions = true
        notes.append(.reactions(key: key.text, author: author, emoji: emoji))
        if notes.count >= Self.notesPerBatch { try writeNotes() }
    }

    private func writeNotes() throws {
        guard !notes.isEmpty else { return }
        try database.write { db in
            for note in notes {
                switch note {
                case let .correction(key, text, time, location, conversation, author, id):
                    // Rows come oldest first: a later correction replaces an earlier one.
                    try db.cachedStatement(sql: """
                        INSERT INTO correction(key, text, post_type, time, location, conversation, author, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(key) DO UPDATE SET text = excluded.text, post_type = excluded.post_type, time = excluded.time,
                            location = excluded.location, id = excluded.id
                        WHERE excluded.time >= correction.time
                        """).execute(arguments: [key, text.text, text.postType, time, location, conversation, author, id])
                case let .reactions(key, author, emoji):
                    try db.cachedStatement(sql: "INSERT OR IGNORE INTO reaction_target(key) VALUES (?)").execute(arguments: [key])
                    try db.cachedStatement(sql: "DELETE FROM reaction WHERE key = ? AND author = ?").execute(arguments: [key, author])
                    let insert = try db.cachedStatement(sql: "INSERT INTO reaction(key, author, position, emoji) VALUES (?, ?, ?, ?)")
                    for (position, symbol) in emoji.enumerated() {
                        try insert.execute(arguments: [key, author, position, symbol])
                    }
                }
            }
        }
        notes.removeAll(keepingCapacity: true)
    }

    // MARK: pass 2

    /// Counts a correction row met among the messages; `false` when the first pass has none for `key`.
    func countCorrectionRow(_ key: ArchiveKey) throws -> Bool {
        guard filter.mayContain(key) else { return false }
        try writeNotes()
        // Once per correction row: no transaction (the file has no journal), the statement bound directly.
        return try database.inDatabase { db in
            let update = FastStatement(try db.cachedStatement(sql: "UPDATE correction SET rows = rows + 1 WHERE key = ?"))
            update.reset()
            update.bind(1, key.text)
            try update.execute(db)
            return db.changesCount > 0
        }
    }

    func countReactionRow(_ key: ArchiveKey) throws {
        filter.insert(key)
        hasReactions = true
        try writeNotes()
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO reaction_target(key, rows) VALUES (?, 1) ON CONFLICT(key) DO UPDATE SET rows = rows + 1
                """, arguments: [key.text])
        }
    }

    /// The non-empty correction for `key`, marked applied; `nil` when there is none.
    func applyCorrection(_ archiveKey: ArchiveKey) throws -> (text: StanzaText, time: Int64)? {
        guard filter.mayContain(archiveKey) else { return nil }
        try writeNotes()
        let key = archiveKey.text
        return try database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT text, post_type, time FROM correction WHERE key = ? AND text != ''",
                                             arguments: [key]) else { return nil }
            try db.execute(sql: "UPDATE correction SET applied = 1 WHERE key = ?", arguments: [key])
            return (StanzaText(text: row[0], postType: row[1]), row[2])
        }
    }

    /// The reactions to `key` by author (each author's emoji in stanza order), marked applied; `nil`
    /// when there are none or they were applied to an earlier message already.
    func applyReactions(_ archiveKey: ArchiveKey) throws -> [(author: String, emoji: [String])]? {
        guard filter.mayContain(archiveKey) else { return nil }
        try writeNotes()
        let key = archiveKey.text
        return try database.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT applied FROM reaction_target WHERE key = ?", arguments: [key]) == false else {
                return nil
            }
            try db.execute(sql: "UPDATE reaction_target SET applied = 1 WHERE key = ?", arguments: [key])
            var byAuthor: [(author: String, emoji: [String])] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT author, emoji FROM reaction WHERE key = ? ORDER BY author, position",
                                           arguments: [key])
            while let row = try rows.next() {
                let author: String = row[0], symbol: String = row[1]
                if byAuthor.last?.author == author { byAuthor[byAuthor.count - 1].emoji.append(symbol) } else { byAuthor.append((author, [symbol])) }
            }
            return byAuthor
        }
    }

    // MARK: after pass 2

    /// Every correction met in the second pass, in key order.
    func forEachCountedCorrection(_ body: (Correction) throws -> Void) throws {
        try writeNotes()
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT text, post_type, time, location, conversation, author, id, rows, applied FROM correction WHERE rows > 0 ORDER BY key
                """)
            while let row = try rows.next() {
                try body(Correction(text: StanzaText(text: row[0], postType: row[1]), time: row[2], location: row[3], conversation: row[4],
                                    author: row[5], id: row[6], rows: row[7], applied: row[8]))
            }
        }
    }

    /// Every reaction target met in the second pass, in key order.
    func forEachCountedReactionTarget(_ body: (ReactionTarget) throws -> Void) throws {
        try writeNotes()
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT key, rows, applied FROM reaction_target WHERE rows > 0 ORDER BY key")
            while let row = try rows.next() { try body(ReactionTarget(key: row[0], rows: row[1], applied: row[2])) }
        }
    }
}
