/// Parses stored stanzas, reusing the result for a text among the last few parsed. A server that keeps
/// one copy of a chat message per local participant (ejabberd, Prosody) often stores the same XML twice,
/// a few rows apart in time order; parsing was most of the reading thread's time, and half of it went
/// on such copies. The parse is a pure function of the text, so reusing it changes nothing else.
final class RecentStanzaParses {
    /// The stanza, its text as posted, and its `from` and `to` JIDs (parsed here, on the reading
    /// thread, so the converting thread need not).
    typealias Parsed = (stanza: XMPPStanza, text: StanzaText, from: XMPPJID?, to: XMPPJID?)

    private let parser = StanzaParser()
    private var recent: [(text: String, result: Result<Parsed, StanzaParseError>)] = []
    private var oldest = 0
    static let capacity = 8

    init() {
        recent.reserveCapacity(Self.capacity)
    }

    /// The stanza and its text as posted; throws `StanzaParseError` for malformed XML.
    func parse(_ text: String) throws -> Parsed {
        let length = text.utf8.count
        // By index, comparing texts only: a for-in loop copied every entry (each stanza's strings retained).
        for index in recent.indices where recent[index].text.utf8.count == length && recent[index].text == text {
            return try recent[index].result.get()
        }
        let result: Result<Parsed, StanzaParseError>
        do {
            let stanza = try parser.parse(text)
            let (from, to) = RowJIDs.ends(of: stanza)
            result = .success((stanza, StanzaText(stanza), from, to))
        } catch let error as StanzaParseError {
            result = .failure(error)
        }
        if recent.count < Self.capacity {
            recent.append((text, result))
        } else {
            recent[oldest] = (text, result)
            oldest = (oldest + 1) % Self.capacity
        }
        return try result.get()
    }
}
