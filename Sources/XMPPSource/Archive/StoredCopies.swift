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
        // Once per personal row: cached statements bound directly (GRDB's arguments allocate per call),
        // no transaction (the file has no journal).
        try database.inDatabase { db in
            let lookup = FastStatement(try db.cachedStatement(sql: "SELECT 1 FROM seen WHERE key = ? AND time BETWEEN ? AND ? LIMIT 1"))
            lookup.reset()
            lookup.bind(1, key)
            lookup.bind(2, time - window)
            lookup.bind(3, time + window)
            let found = try lookup.step(db)
            lookup.reset()
            if !found {
                let insert = FastStatement(try db.cachedStatement(sql: "INSERT INTO seen(key, time) VALUES (?, ?)"))
                insert.reset()
                insert.bind(1, key)
                insert.bind(2, time)
                try insert.execute(db)
            }
            return found
        }
    }
}
