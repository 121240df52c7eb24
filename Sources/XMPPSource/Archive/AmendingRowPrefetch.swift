import SourceToolkit

/// The amending pass read on a thread of its own from the moment the users are read: the database
/// scans the whole archive for corrections and reactions (half a second per million PostgreSQL rows)
/// while accounts and rooms are read, instead of after them. Bounded: the thread waits once
/// `capacity` batches are ahead, so an archive of millions of corrections does not fill memory.
final class AmendingRowPrefetch {
    private let producer: BackgroundProducer<[ArchiveRow]>
    private static let batchSize = 256

    init(_ source: any XMPPArchiveSource) {
        let handle = ArchiveSourceHandle(source: source)
        producer = BackgroundProducer(capacity: 64, name: "xmpp-amending-rows") { yield in
            var batch: [ArchiveRow] = []
            try handle.source.forEachAmendingRow { row in
                batch.append(row)
                if batch.count == Self.batchSize {
                    try yield(batch)
                    batch = []
                }
            }
            if !batch.isEmpty { try yield(batch) }
        }
    }

    /// Every amending row, in the source's order; rethrows the reading thread's error.
    func forEach(_ body: (ArchiveRow) throws -> Void) throws {
        do {
            while let batch = try producer.next() {
                for row in batch { try body(row) }
            }
        } catch {
            producer.cancel()
            throw error
        }
    }

    /// A conversion that failed before the message pass leaves no thread reading.
    deinit { producer.cancel() }
}
