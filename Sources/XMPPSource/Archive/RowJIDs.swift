/// The JIDs an archive row names: its owner (a local user or a room) and its stanza's `from` and `to`.
/// Parsed on the reading thread along with the stanza (and reused with it for a repeated stanza), so
/// the converting thread only looks at them.
struct RowJIDs: Sendable {
    var owner: XMPPJID?
    var from: XMPPJID?
    var to: XMPPJID?

    init(owner: XMPPJID?, from: XMPPJID?, to: XMPPJID?) {
        self.owner = owner
        self.from = from
        self.to = to
    }

    init(_ row: ArchiveRow, _ stanza: XMPPStanza) {
        let (from, to) = Self.ends(of: stanza)
        self.init(owner: XMPPJID(row.owner), from: from, to: to)
    }

    /// The stanza's `from` and `to` JIDs (made once per distinct stanza by `RecentStanzaParses`).
    static func ends(of stanza: XMPPStanza) -> (from: XMPPJID?, to: XMPPJID?) {
        (stanza.from.flatMap(XMPPJID.init), stanza.to.flatMap(XMPPJID.init))
    }
}
