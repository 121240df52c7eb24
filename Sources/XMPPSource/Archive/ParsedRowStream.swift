import SourceToolkit

/// An archive row with its stanza parsed, ready for `ArchiveConverter`.
struct ParsedArchiveRow: Sendable {
    var row: ArchiveRow
    /// The stanza and its text as posted; `nil` when the source skips the row already, or when the
    /// stanza is malformed (`parseError`).
    var parsed: (stanza: XMPPStanza, text: StanzaText)?
    var parseError: StanzaParseError?

    init(_ row: consuming ArchiveRow, parser: StanzaParser) throws {
        self.row = row
        guard self.row.skipReason == nil else { return }
        do {
            let stanza = try parser.parse(self.row.stanza)
            let text = StanzaText(stanza)
            parsed = (stanza, text)
        } catch let error as StanzaParseError {
            parseError = error
        }
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
        let handle = SourceHandle(source: source)
        return BackgroundProducer(capacity: 8, name: "xmpp-rows") { yield in
            var batch: [ParsedArchiveRow] = []
            batch.reserveCapacity(batchSize)
            let parser = StanzaParser()
            try handle.source.forEachRow({ row in
                batch.append(try ParsedArchiveRow(row, parser: parser))
                if batch.count == batchSize {
                    try yield(.rows(batch))
                    batch.removeAll(keepingCapacity: true)
                }
            }, unreadable: { location, reason in
                if !batch.isEmpty {
                    try yield(.rows(batch))
                    batch.removeAll(keepingCapacity: true)
                }
                try yield(.unreadable(location: location, reason: reason))
            })
            if !batch.isEmpty { try yield(.rows(batch)) }
        }
    }

    /// The source handed to the producer thread: the caller does not use it while the stream runs.
    private final class SourceHandle: @unchecked Sendable {
        let source: any XMPPArchiveSource
        init(source: any XMPPArchiveSource) { self.source = source }
    }
}
