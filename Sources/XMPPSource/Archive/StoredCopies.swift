import Foundation
import GRDB
import MigrationCore
import SourceToolkit

/// Recognises further stored copies of one message: ejabberd and Prosody keep a 1:1 message in each
/// local participant's archive, and a XEP-0227 export holds every member's copy of a room message,
/// file after file (not in time order). A copy has the same key (conversation, sender, stanza id)
/// and a time within `window` of the first; keys live in an SQLite file, so memory stays flat, and
/// a client that reuses ids years apart still gets both messages.
///
/// A key is stored as two 64-bit hashes, under its time's bucket (two windows wide): a stable FNV hash
/// orders the file, and a second, per-run seeded one must match too, so a crafted FNV collision
/// cannot pass one message off as a copy of another. Time-ordered archives (nearly all) then touch
/// only the newest buckets' pages, which stay in the cache, instead of one random page per row.
final class StoredCopies {
    let window: Int64
    private let store: ScratchStore
    private var database: DatabaseQueue { store.database }
    /// Keys seen since the last flush, written in one transaction per batch: one insert per row
    /// outside a transaction would write its pages to the file (a system call) every time.
    private var pending: [Key: Int64] = [:]
    /// Further times of a pending key (an id reused within one batch: rare). Apart, so the usual key
    /// costs no array of its own.
    private var pendingMore: [Key: [Int64]] = [:]
    private var pendingCount = 0
    private static let batchSize = 16_384
    /// Every key remembered (4 MiB, whatever the input's size): most rows are not copies, and a key
    /// the filter has never seen needs no lookup in the file.
    private var filter = KeyFilter(log2Bits: 25)

    private struct Key: Hashable {
        let hash: Int64, confirm: Int64
    }

    init(window: Int64 = 10 * 60 * 1000) throws {
        self.window = window
        store = try ScratchStore(prefix: "mattermove-xmpp-copies", cacheKiB: 8_000, schema: """
            CREATE TABLE seen(bucket INTEGER NOT NULL, hash INTEGER NOT NULL, time INTEGER NOT NULL, confirm INTEGER NOT NULL,
                              PRIMARY KEY(bucket, hash, time, confirm)) WITHOUT ROWID
            """)
    }

    /// Whether a message with `key` was already seen within the window around `time`; remembers it otherwise.
    func isCopy(_ key: ArchiveKey, at time: Int64) throws -> Bool {
        let (hash, confirm) = key.hashes
        let key = Key(hash: Int64(bitPattern: hash), confirm: Int64(bitPattern: confirm))
        // Saturating: a hostile stamp near the ends of Int64 must not trap.
        let (low, lowOverflow) = time.subtractingReportingOverflow(window)
        let (high, highOverflow) = time.addingReportingOverflow(window)
        let from = lowOverflow ? Int64.min : low, to = highOverflow ? Int64.max : high
        if let first = pending[key] {
            if (from...to).contains(first) || pendingMore[key]?.contains(where: { (from...to).contains($0) }) == true { return true }
        }
        if !filter.mayContain(hash, confirm) {
            try remember(key, at: time)
            return false
        }
        // Buckets two windows wide: [time - window, time + window] reaches at most one neighbour.
        let width = 2 * window
        let bucket = self.bucket(of: time)
        let neighbour: Int64? = from < bucket &* width ? bucket - 1 : (to >= (bucket + 1) &* width ? bucket + 1 : nil)
        let buckets = [bucket, neighbour].compactMap { $0 }
        // Once per personal row: cached statements bound directly (GRDB's arguments allocate per call).
        // One point lookup per bucket: an IN list would build a temporary table per row.
        let found = try database.inDatabase { db in
            let lookup = FastStatement(try db.cachedStatement(sql: """
                SELECT 1 FROM seen WHERE bucket = ? AND hash = ? AND time BETWEEN ? AND ? AND confirm = ? LIMIT 1
                """))
            defer { lookup.reset() }
            for candidate in buckets {
                lookup.reset()
                lookup.bind(1, candidate)
                lookup.bind(2, key.hash)
                lookup.bind(3, from)
                lookup.bind(4, to)
                lookup.bind(5, key.confirm)
                if try lookup.step(db) { return true }
            }
            return false
        }
        if !found { try remember(key, at: time) }
        return found
    }

    private func remember(_ key: Key, at time: Int64) throws {
        filter.insert(UInt64(bitPattern: key.hash), UInt64(bitPattern: key.confirm))
        if pending[key] == nil {
            pending[key] = time
        } else {
            pendingMore[key, default: []].append(time)
        }
        pendingCount += 1
        if pendingCount >= Self.batchSize { try flush() }
    }

    private func bucket(of time: Int64) -> Int64 {
        let width = 2 * window
        return time / width - (time % width < 0 ? 1 : 0)
    }

    /// Writes the pending keys in one transaction, in table order so each page is written once.
    private func flush() throws {
        var rows: [(bucket: Int64, hash: Int64, time: Int64, confirm: Int64)] = []
        rows.reserveCapacity(pendingCount)
        for (key, time) in pending { rows.append((bucket(of: time), key.hash, time, key.confirm)) }
        for (key, times) in pendingMore {
            for time in times { rows.append((bucket(of: time), key.hash, time, key.confirm)) }
        }
        rows.sort { ($0.bucket, $0.hash, $0.time, $0.confirm) < ($1.bucket, $1.hash, $1.time, $1.confirm) }
        try database.write { db in
            let insert = FastStatement(try db.cachedStatement(sql: "INSERT OR IGNORE INTO seen(bucket, hash, time, confirm) VALUES (?, ?, ?, ?)"))
            for row in rows { try insert.execute(db, binding: row.bucket, row.hash, row.time, row.confirm) }
        }
        pending.removeAll(keepingCapacity: true)
        pendingMore.removeAll(keepingCapacity: true)
        pendingCount = 0
    }
}
