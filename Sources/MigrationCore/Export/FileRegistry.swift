import Foundation
import GRDB

/// The files a package will carry, in the order they were first referenced, each path once. Kept in
/// its own SQLite file so that the list does not grow in memory with the number of attachments,
/// and so it can be written while the message store is being read.
final class FileRegistry {
    private let database: DatabaseQueue
    private var pending: [(path: String, file: [UInt8])] = []

    init(directory: URL) throws {
        try? FileManager.default.removeItem(at: directory.appendingPathComponent("files.sqlite"))
        database = try ScratchDatabase.open("files.sqlite", in: directory, cacheKiB: 2_000)
        try database.write { db in
            try db.execute(sql: "CREATE TABLE file(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, source BLOB NOT NULL)")
        }
    }

    func register(path: String, file: SourceFile) throws {
        var writer = StagedBytesWriter()
        file.write(to: &writer)
        pending.append((path, writer.bytes))
        if pending.count >= 1_000 { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        let rows = pending
        pending.removeAll(keepingCapacity: true)
        try database.write { db in
            let insert = try db.cachedStatement(sql: "INSERT OR IGNORE INTO file(path, source) VALUES (?, ?)")
            for row in rows { try insert.execute(arguments: [row.path, Data(row.file)]) }
        }
    }

    /// Calls `body` for every distinct path in first-reference order.
    func forEach(_ body: (String, SourceFile) throws -> Void) throws {
        try flush()
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT path, source FROM file ORDER BY id")
            while let row = try rows.next() {
                var reader = StagedBytesReader([UInt8](row[1] as Data))
                try body(row[0], try SourceFile(from: &reader))
            }
        }
    }
}
