import GRDB

/// Values to set on staged rows later (a time a sweep moved, an orphan reply's new root), by row key
/// and conversation: in memory up to a batch, in an SQLite scratch file beyond. Where messages share
/// their times (Slack's CSV layout in whole seconds, exports that round to the minute) nearly every
/// row is moved, and holding the moves in arrays grew memory with the input (16 bytes per row,
/// twice: 3 M such rows peaked at 168 MiB).
final class RowValueLog {
    private var buffer: [(conv: Int64, seq: Int64, value: Int64)] = []
    private var spill: ScratchStore?
    private static let batch = 65_536

    init() {}

    var isEmpty: Bool { spill == nil && buffer.isEmpty }

    func append(conv: Int64, seq: Int64, value: Int64) throws {
        buffer.append((conv, seq, value))
        if buffer.count >= Self.batch { try spillBuffer() }
    }

    private func spillBuffer() throws {
        let store = try spill ?? ScratchStore(prefix: "mattermove-row-values", cacheKiB: 1_000,
                                              schema: "CREATE TABLE row_value(conv INTEGER NOT NULL, seq INTEGER NOT NULL, value INTEGER NOT NULL)")
        spill = store
        try store.database.write { db in
            let insert = FastStatement(try db.cachedStatement(sql: "INSERT INTO row_value(conv, seq, value) VALUES (?, ?, ?)"))
            for entry in buffer { try insert.execute(db, binding: entry.conv, entry.seq, entry.value) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every value logged, in the order logged, for the conversations `include` accepts.
    func forEach(where include: (_ conv: Int64) -> Bool = { _ in true }, _ body: (_ seq: Int64, _ value: Int64) throws -> Void) throws {
        if let spill {
            try spill.database.read { db in
                let rows = FastStatement(try db.makeStatement(sql: "SELECT conv, seq, value FROM row_value ORDER BY rowid"))
                while try rows.step(db) {
                    if include(rows.int64(0)) { try body(rows.int64(1), rows.int64(2)) }
                }
            }
        }
        for entry in buffer where include(entry.conv) { try body(entry.seq, entry.value) }
    }
}
