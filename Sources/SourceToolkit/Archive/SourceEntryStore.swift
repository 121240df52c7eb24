import Foundation
import GRDB
import MattermostImport
import MigrationCore

/// The listing of a source export kept on disk — SQLite in a temporary folder, removed on deinit — so that
/// memory stays flat however many entries an export holds (a 5-million-message Slack export has over
/// 600,000 day files). Paths are indexed: lookups, folder listings and the sorted walk are queries.
///
/// Built once by `SourceArchive.init` (`insert…` inside `build`, then `finish`), read-only afterwards;
/// GRDB's `DatabaseQueue` serialises the queries, so any thread may query. Per-entry lookups use
/// `inDatabase`: `read` would wrap each in a transaction and two `query_only` pragmas, which cost a tenth
/// of a Slack conversion when every attachment is looked up.
final class SourceEntryStore: Sendable {
    private let store: ScratchStore
    private var database: DatabaseQueue { store.database }
    /// Zip listings carry a data location per entry; folder listings read by stored name.
    private let isZip: Bool

    init(isZip: Bool) throws {
        self.isZip = isZip
        store = try ScratchStore(prefix: "mattermove-listing", cacheKiB: 8_000, schema: """
            CREATE TABLE entry (seq INTEGER PRIMARY KEY, path TEXT NOT NULL, stored TEXT NOT NULL, size INTEGER NOT NULL,
                                header_offset INTEGER NOT NULL, compressed_size INTEGER NOT NULL, crc INTEGER NOT NULL,
                                method INTEGER NOT NULL, flags INTEGER NOT NULL);
            CREATE TABLE skipped (id INTEGER PRIMARY KEY, stored TEXT NOT NULL, reason TEXT NOT NULL);
            """)
    }

    // MARK: building

    /// Inserts rows in one transaction with prepared statements.
    struct Inserter {
        fileprivate let db: Database
        fileprivate let insertEntry: FastStatement
        fileprivate let insertSkipped: FastStatement

        /// `seq` is the entry's position in the listing (central-directory order): the first of two entries
        /// with the same path wins.
        func insertFile(seq: Int, path: String, stored: String, size: UInt64, location: ZipFileReader.Location?) throws {
            insertEntry.reset()
            insertEntry.bind(1, Int64(seq))
            insertEntry.bind(2, path)
            insertEntry.bind(3, stored)
            insertEntry.bind(4, Int64(bitPattern: size))
            insertEntry.bind(5, Int64(bitPattern: location?.localHeaderOffset ?? 0))
            insertEntry.bind(6, Int64(bitPattern: location?.compressedSize ?? 0))
            insertEntry.bind(7, Int64(location?.crc32 ?? 0))
            insertEntry.bind(8, Int64(location?.compressionMethod ?? 0))
            insertEntry.bind(9, Int64(location?.flags ?? 0))
            try insertEntry.execute(db)
        }

        func insertSkipped(stored: String, reason: SourceArchive.SkipReason) throws {
            insertSkipped.reset()
            insertSkipped.bind(1, stored)
            insertSkipped.bind(2, reason.rawValue)
            try insertSkipped.execute(db)
        }
    }

    func build(_ body: (Inserter) throws -> Void) throws {
        try database.write { db in
            let inserter = Inserter(
                db: db,
                insertEntry: FastStatement(try db.makeStatement(sql: """
                    INSERT INTO entry (seq, path, stored, size, header_offset, compressed_size, crc, method, flags)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)),
                insertSkipped: FastStatement(try db.makeStatement(sql: "INSERT INTO skipped (stored, reason) VALUES (?, ?)")))
            try body(inserter)
        }
    }

    /// Strips the wrapper folder `prefix` from every path, indexes the paths, and moves every entry whose
    /// path an earlier entry already has to the skipped list (as a duplicate).
    func finish(strippingPrefix prefix: String) throws {
        try database.write { db in
            if !prefix.isEmpty {
                // substr counts characters, which for UTF-8 text are Unicode scalars.
                try db.execute(sql: "UPDATE entry SET path = substr(path, ?)",
                               arguments: [prefix.unicodeScalars.count + 1])
            }
            try db.execute(sql: "CREATE INDEX entry_path ON entry (path, seq)")
            // One cheap scan of the index first: duplicates are rare, and moving them costs a probe per row.
            let hasDuplicates = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM entry GROUP BY path HAVING count(*) > 1)") ?? false
            guard hasDuplicates else { return }
            try db.execute(sql: """
                INSERT INTO skipped (stored, reason)
                    SELECT stored, ? FROM entry AS later
                    WHERE EXISTS (SELECT 1 FROM entry AS earlier WHERE earlier.path = later.path AND earlier.seq < later.seq)
                    ORDER BY seq;
                DELETE FROM entry
                    WHERE EXISTS (SELECT 1 FROM entry AS earlier WHERE earlier.path = entry.path AND earlier.seq < entry.seq);
                """, arguments: [SourceArchive.SkipReason.duplicatePath.rawValue])
        }
    }

    // MARK: queries

    private static let entryColumns = "path, stored, size, header_offset, compressed_size, crc, method, flags"

    private func entry(from row: FastStatement) -> SourceArchive.Entry {
        let size = UInt64(bitPattern: row.int64(2))
        let location = isZip ? ZipFileReader.Location(
            localHeaderOffset: UInt64(bitPattern: row.int64(3)), compressedSize: UInt64(bitPattern: row.int64(4)),
            uncompressedSize: size, crc32: UInt32(truncatingIfNeeded: row.int64(5)),
            compressionMethod: UInt16(truncatingIfNeeded: row.int64(6)), flags: UInt16(truncatingIfNeeded: row.int64(7))) : nil
        return SourceArchive.Entry(path: row.string(0), uncompressedSize: size, storedName: row.string(1), location: location)
    }

    func entry(at path: String) throws -> SourceArchive.Entry? {
        try database.inDatabase { db in
            let query = FastStatement(try db.cachedStatement(sql: "SELECT \(Self.entryColumns) FROM entry WHERE path = ?"))
            query.reset()
            query.bind(1, path)
            return try query.step(db) ? entry(from: query) : nil
        }
    }

    /// Up to `limit` entries with `lower < path < upper` (UTF-8 byte order; `upper` nil: no bound), sorted.
    func entries(after lower: String, before upper: String?, limit: Int) throws -> [SourceArchive.Entry] {
        try database.inDatabase { db in
            // Two statements: an `?2 IS NULL OR path < ?2` term would not bound the index range, and every
            // folder query would scan to the end of the index.
            let query = FastStatement(try db.cachedStatement(sql: upper == nil
                ? "SELECT \(Self.entryColumns) FROM entry WHERE path > ?1 ORDER BY path LIMIT ?3"
                : "SELECT \(Self.entryColumns) FROM entry WHERE path > ?1 AND path < ?2 ORDER BY path LIMIT ?3"))
            query.reset()
            query.bind(1, lower)
            if let upper { query.bind(2, upper) }
            query.bind(3, Int64(limit))
            var result: [SourceArchive.Entry] = []
            while try query.step(db) { result.append(entry(from: query)) }
            return result
        }
    }

    var entryCount: Int {
        get throws { try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0 } }
    }

    var skippedCount: Int {
        get throws { try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM skipped") ?? 0 } }
    }

    /// Up to `limit` skipped entries after the `id`th, in the order they were found, with their ids.
    func skipped(afterID id: Int64, limit: Int) throws -> [(id: Int64, entry: SourceArchive.SkippedEntry)] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, stored, reason FROM skipped WHERE id > ? ORDER BY id LIMIT ?",
                                        arguments: [id, limit])
            return rows.map { row in
                let reason = SourceArchive.SkipReason(rawValue: row["reason"]) ?? .duplicatePath
                return (row["id"], SourceArchive.SkippedEntry(storedName: row["stored"], reason: reason))
            }
        }
    }
}
