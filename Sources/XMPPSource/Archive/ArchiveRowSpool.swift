import Foundation
import GRDB
import MigrationCore

/// Archive rows set aside in an SQLite scratch file to be read again in order: a XEP-0227 file's
/// amending messages, found in the first pass and needed before the second. An export may hold
/// millions of corrections, so they do not stay in memory. Files found for a row are not kept
/// (XEP-0227 rows have none).
final class ArchiveRowSpool {
    private let store: ScratchStore
    private var database: DatabaseQueue { store.database }

    init() throws {
        store = try ScratchStore(prefix: "mattermove-xmpp-rows", cacheKiB: 1_000, schema: """
            CREATE TABLE row(location TEXT NOT NULL, owner TEXT NOT NULL, is_room INTEGER NOT NULL, peer TEXT, nick TEXT,
                             sender TEXT, archive_id TEXT NOT NULL, time INTEGER NOT NULL, stanza TEXT NOT NULL,
                             repaired INTEGER NOT NULL, may_repeat INTEGER NOT NULL)
            """)
    }

    /// Rows not written yet: one transaction per row would write the file at every row.
    private var pending: [ArchiveRow] = []

    func append(_ row: ArchiveRow) throws {
        pending.append(row)
        if pending.count >= 1_000 { try flush() }
    }

    private func flush() throws {
        try database.write { db in
            for row in pending {
                try db.execute(sql: "INSERT INTO row VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", arguments: [
                    row.location, row.owner, row.isRoom, row.peer, row.nick, row.senderJID, row.archiveID, row.time, row.stanza,
                    row.repairedText, row.mayRepeat])
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The rows in the order they were appended.
    func forEach(_ body: (ArchiveRow) throws -> Void) throws {
        try flush()
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM row ORDER BY rowid")
            while let row = try rows.next() {
                try body(ArchiveRow(location: row[0], owner: row[1], isRoom: row[2], peer: row[3], nick: row[4], archiveID: row[6],
                                    time: row[7], stanza: row[8], repairedText: row[9], mayRepeat: row[10], senderJID: row[5]))
            }
        }
    }
}
