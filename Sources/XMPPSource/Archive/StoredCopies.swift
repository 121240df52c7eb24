import Foundation
import GRDB
import MigrationCore

/// Recognises further stored copies of one message: ejabberd and Prosody keep a 1:1 message in each
/// local participant's archive, and a XEP-0227 export holds every member's copy of a room message,
/// file after file (not in time order). A copy has the same key (conversation, sender, stanza id)
/// and a time within `window` of the first; keys live in an SQLite file, so memory stays flat, and
/// a client that reuses ids years apart still gets both messages.
final class StoredCopies {
    let window: Int64
    private let directory: URL
    private let database: DatabaseQueue

    init(window: Int64 = 10 * 60 * 1000) throws {
        self.window = window
        directory = try ScratchDatabase.makeDirectory(prefix: "mattermove-xmpp-copies")
        database = try ScratchDatabase.open("copies.sqlite", in: directory, cacheKiB: 8_000)
        try database.write { try $0.execute(sql: "CREATE TABLE seen(key TEXT NOT NULL, time INTEGER NOT NULL); CREATE INDEX seen_key ON seen(key, time)") }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Whether a message with `key` was already seen within the window around `time`; remembers it otherwise.
    func isCopy(_ key: String, at time: Int64) throws -> Bool {
        // No transaction per row (the file has no journal); cached statements.
        try database.inDatabase { db in
            let lookup = try db.cachedStatement(sql: "SELECT EXISTS(SELECT 1 FROM seen WHERE key = ? AND time BETWEEN ? AND ?)")
            let found = try Bool.fetchOne(lookup, arguments: [key, time - window, time + window]) ?? false
            if !found { try db.cachedStatement(sql: "INSERT INTO seen(key, time) VALUES (?, ?)").execute(arguments: [key, time]) }
            return found
        }
    }
}
