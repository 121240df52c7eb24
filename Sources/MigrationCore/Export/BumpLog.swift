import GRDB

/// The times a sweep moved, by row key and conversation: in memory up to a batch, in an SQLite
/// scratch file beyond.
/// Where messages share their times (Slack's CSV layout in whole seconds, exports that round to the
/// minute) nearly every row is moved, and holding the moves in arrays grew memory with the input
/// (16 bytes per row, twice: a 5 M-row CSV peaked 31 MiB above a 1 M-row one).
final class BumpLog {
    private var buffer: [(conv: Int64, seq: Int64, ts: Int64)] = []
    private var spill: ScratchStore?
    private static let batch = 65_536

    init() {}

    func append(conv: Int64, seq: Int64, ts: Int64) throws {
        buffer.append((conv, seq, ts))
        if buffer.count >= Self.batch { try spillBuffer() }
    }

    private func spillBuffer() throws {
        let store = try spill ?? ScratchStore(prefix: "mattermove-bumps", cacheKiB: 1_000,
                                              schema: "CREATE TABLE bump(conv INTEGER NOT NULL, seq INTEGER NOT NULL, ts INTEGER NOT NULL)")
        spill = store
        try store.database.write { db in
            let insert = FastStatement(try db.cachedStatement(sql: "INSERT INTO bump(conv, seq, ts) VALUES (?, ?, ?)"))
            for bump in buffer { try insert.execute(db, binding: bump.conv, bump.seq, bump.ts) }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Every move logged, in the order logged, for the conversations `include` accepts.
    func forEach(where include: (_ conv: Int64) -> Bool, _ body: (_ seq: Int64, _ ts: Int64) throws -> Void) throws {
        if let spill {
            try spill.database.read { db in
                let rows = FastStatement(try db.makeStatement(sql: "SELECT conv, seq, ts FROM bump ORDER BY rowid"))
                while try rows.step(db) {
                    if include(rows.int64(0)) { try body(rows.int64(1), rows.int64(2)) }
                }
            }
        }
        for bump in buffer where include(bump.conv) { try body(bump.seq, bump.ts) }
    }
}
