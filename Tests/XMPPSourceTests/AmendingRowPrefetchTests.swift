import Foundation
import GRDB
import SourceToolkit
import Testing
@testable import XMPPSource

/// The amending pass read ahead on a thread of its own (`AmendingRowPrefetch`) hands over exactly the
/// source's rows, in order, however far the source runs past its bounded buffer; a consumer that fails
/// stops it with that failure, and one that lets go of it leaves nothing reading.
struct AmendingRowPrefetchTests {
    /// More correction rows than the prefetch buffers (64 batches of 256), so its thread waits on a full buffer.
    static let rowCount = 20_000

    static func archiveWithManyCorrections() throws -> (database: EjabberdDatabase, source: EjabberdArchive) {
        let database = try EjabberdDatabase()
        try database.queue.write { db in
            for number in 0..<rowCount {
                let xml = "<message xmlns='jabber:client' from='alice@example.com/a' to='bob@example.com' type='chat' id='c\(number)'>"
                    + "<body>fixed \(number)</body><replace xmlns='urn:xmpp:message-correct:0' id='m\(number)'/></message>"
                try db.execute(sql: """
                    INSERT INTO archive(username, timestamp, peer, bare_peer, xml, kind) VALUES ('alice', ?, 'bob@example.com', 'bob@example.com', ?, 'chat')
                    """, arguments: [1_709_280_000_000_000 + Int64(number), xml])
            }
        }
        return (database, try EjabberdArchive(database: SQLiteRowReader(path: database.url.path)))
    }

    static func rows(_ forEach: ((ArchiveRow) throws -> Void) throws -> Void) throws -> [String] {
        var rows: [String] = []
        try forEach { rows.append("\($0.location) \($0.archiveID) \($0.time) \($0.stanza)") }
        return rows
    }

    @Test func prefetchedRowsAreTheSourcesRowsInOrder() throws {
        let (database, source) = try Self.archiveWithManyCorrections()
        defer { database.remove() }
        let direct = try Self.rows { try source.forEachAmendingRow($0) }
        let prefetch = AmendingRowPrefetch(source)
        let prefetched = try Self.rows { try prefetch.forEach($0) }
        #expect(direct.count == Self.rowCount)
        #expect(prefetched == direct)
    }

    @Test func aFailingConsumerGetsItsErrorAndTheSourceIsFreeAgain() throws {
        struct Stop: Error {}
        let (database, source) = try Self.archiveWithManyCorrections()
        defer { database.remove() }
        var seen = 0
        #expect(throws: Stop.self) {
            try AmendingRowPrefetch(source).forEach { _ in
                seen += 1
                if seen == 10 { throw Stop() }
            }
        }
        #expect(seen == 10)
        // Let go unread while its thread waits on a full buffer: the thread stops and releases the
        // SQLite connection, or the next read would wait for it forever.
        do {
            let abandoned = AmendingRowPrefetch(source)
            Thread.sleep(forTimeInterval: 0.2)
            _ = abandoned
        }
        #expect(try Self.rows { try source.forEachAmendingRow($0) }.count == Self.rowCount)
    }
}
