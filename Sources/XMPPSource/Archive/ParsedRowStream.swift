import SourceToolkit

/// An archive row with its stanza parsed, ready for `ArchiveConverter`.
struct ParsedArchiveRow: Sendable {
    var row: ArchiveRow
    /// The stanza and its text as posted; `nil` when the source skips the row already, or when the
    /// stanza is malformed (`parseError`).
    var parsed: (stanza: XMPPStanza, text: StanzaText)?
    var parseError: StanzaParseError?
    /// The JIDs of the row and its stanza, parsed on the reading thread.
    var jids: RowJIDs?

    init(_ row: consuming ArchiveRow, parser: RecentStanzaParses) throws {
        // Every field from a local, assigned at the end: parsing `self.row`'s stanza copied the whole
        // value on every row (one copy is still made here, per the profile: 0.04 s per 1 M rows).
        var parsed: (stanza: XMPPStanza, text: StanzaText)?
        var parseError: StanzaParseError?
        var jids: RowJIDs?
        if row.skipReason == nil {
            do {
                let result = try parser.parse(row.stanza)
                parsed = (result.stanza, result.text)
                jids = RowJIDs(owner: XMPPJID(row.owner), from: result.from, to: result.to)
            } catch let error as StanzaParseError {
                parseError = error
            }
        }
        self.row = row
        self.parsed = parsed
        self.parseError = parseError
        self.jids = jids
    }
}

/// The message pass's rows, read from the source and parsed on a second thread while the caller
/// places, checks and stages them (reading and parsing are about a third of a row's cost). Rows go
/// over in batches, in order, through a bounded buffer; an unreadable file goes over in its place.
enum ParsedRowStream {
    enum Event: Sendable {
        case rows([ParsedArchiveRow])
        case unreadable(location: String, reason: String)
    }

    static let batchSize = 256

    /// Starts reading at once. Only the producer thread touches `source` until the stream ends.
    static func start(_ source: any XMPPArchiveSource) -> BackgroundProducer<Event> {
        let handle = ArchiveSourceHandle(source: source)
        return BackgroundProducer(capacity: 8, name: "xmpp-rows") { yield in
            var batch: [ParsedArchiveRow] = []
            batch.reserveCapacity(batchSize)
            let parser = RecentStanzaParses()
            // The batch leaves whole (swapped out, then moved into `yield`): the consumer converts rows in
            // place, which copied the batch whenever this thread still held a reference to it.
            func send() throws {
                var full: [ParsedArchiveRow] = []
                full.reserveCapacity(batchSize)
                swap(&full, &batch)
                try yield(.rows(full))
            }
            try handle.source.forEachRow({ row in
                batch.append(try ParsedArchiveRow(row, parser: parser))
                if batch.count == batchSize { try send() }
            }, unreadable: { location, reason in
                if !batch.isEmpty { try send() }
                try yield(.unreadable(location: location, reason: reason))
            })
            if !batch.isEmpty { try send() }
        }
    }
}

/// A source handed to a producer thread: the caller does not use it (or only in ways its
/// `readsAmendingRowsAlongside` allows) while the thread reads.
final class ArchiveSourceHandle: @unchecked Sendable {
    let source: any XMPPArchiveSource
    init(source: any XMPPArchiveSource) { self.source = source }
}
