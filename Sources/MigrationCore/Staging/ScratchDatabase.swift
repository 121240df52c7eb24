import Foundation
import GRDB

/// A throwaway SQLite file for on-disk working sets (staged messages, archive listings, the package's
/// file list): durability buys nothing here, speed and flat memory do.
package enum ScratchDatabase {
    /// A new temporary directory for one store; its owner removes it when done.
    package static func makeDirectory(prefix: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Opens `name` in `directory` without journal or syncing, with a page cache of `cacheKiB`. The one
    /// connection holds the file's lock for good (`locking_mode = EXCLUSIVE`): nobody else opens a scratch
    /// file, and statements outside a transaction then cost no lock system calls each.
    package static func open(_ name: String, in directory: URL, cacheKiB: Int) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: """
                PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
                PRAGMA cache_size = -\(cacheKiB); PRAGMA temp_store = FILE
                """)
        }
        return try DatabaseQueue(path: directory.appendingPathComponent(name).path, configuration: configuration)
    }
}

/// One scratch SQLite file in a directory of its own, created with `schema` and removed with the
/// directory when the store goes away: the working sets readers keep on disk instead of in memory.
package final class ScratchStore: Sendable {
    package let database: DatabaseQueue
    private let directory: URL

    package init(prefix: String, cacheKiB: Int, schema: String) throws {
        directory = try ScratchDatabase.makeDirectory(prefix: prefix)
        do {
            database = try ScratchDatabase.open("\(prefix).sqlite", in: directory, cacheKiB: cacheKiB)
            try database.write { try $0.execute(sql: schema) }
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }
}
