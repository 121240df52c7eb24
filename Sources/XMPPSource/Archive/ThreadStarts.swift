import Foundation
import GRDB
import MigrationCore
import SourceToolkit

/// The first message of each XEP-0201 thread, by conversation and thread id, so that a message naming
/// the thread as its parent replies to it. Many clients put a thread id on every 1:1 message, so
/// there can be as many threads as messages: they live in an SQLite scratch file, not in memory.
final class ThreadStarts {
    private let store: ScratchStore
    private var database: DatabaseQueue { store.database }
    /// Every thread key stored (1 MiB whatever the archive's size): a new thread needs no lookup.
    private var filter = KeyFilter(log2Bits: 23)

    init() throws {
        store = try ScratchStore(prefix: "mattermove-xmpp-threads", cacheKiB: 2_000,
                                 schema: "CREATE TABLE thread(key TEXT PRIMARY KEY, first TEXT NOT NULL) WITHOUT ROWID")
    }

    /// The id of the first message noted for `key`.
    func first(_ key: ArchiveKey) throws -> String? {
        guard filter.mayContain(key) else { return nil }
        return try database.inDatabase { db in
            let lookup = FastStatement(try db.cachedStatement(sql: "SELECT first FROM thread WHERE key = ?"))
            defer { lookup.reset() }
            lookup.reset()
            lookup.bind(1, key.text)
            return try lookup.step(db) ? lookup.string(0) : nil
        }
    }

    /// Notes `id` as the thread's first message unless one is noted already.
    func noteFirst(_ key: ArchiveKey, id: String) throws {
        filter.insert(key)
        try database.inDatabase { db in
            // Statements outside a transaction: the file has no journal, and a known thread writes nothing.
            let insert = FastStatement(try db.cachedStatement(sql: "INSERT OR IGNORE INTO thread(key, first) VALUES (?, ?)"))
            insert.reset()
            insert.bind(1, key.text)
            insert.bind(2, id)
            try insert.execute(db)
        }
    }
}
