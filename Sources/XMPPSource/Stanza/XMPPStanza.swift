/// What a conversion needs from one stored `<message/>` (or `<presence/>`) stanza.
public struct XMPPStanza: Sendable, Equatable {
    /// `message`, `presence`, `iq`.
    public var kind: String = ""
    public var from: String?
    public var to: String?
    /// `chat`, `groupchat`, `normal`, `headline`, `error` (absent: `normal`).
    public var type: String?
    /// The stanza's `id` attribute.
    public var id: String?
    /// XEP-0359 `<origin-id id=…>` (the sender's own id, kept by MUCs that rewrite `id`).
    public var originID: String?
    /// XEP-0359 `<stanza-id id=… by=…>` ids, the archive ids a MUC or server gave the message.
    public var stanzaIDs: [String] = []
    /// The first `<body/>` text, as sent.
    public var body: String?
    /// The XHTML-IM body, already converted to Markdown.
    public var xhtmlMarkdown: String?
    public var subject: String?
    /// XEP-0203 `<delay stamp>` (or the legacy `jabber:x:delay`), in ms since the epoch.
    public var delayStamp: Int64?
    /// XEP-0066 out-of-band links: URL and optional description.
    public var links: [(url: String, description: String?)] = []
    /// XEP-0308: the id of the message this one corrects.
    public var replacesID: String?
    /// XEP-0461: the id of the message this one replies to.
    public var replyToID: String?
    /// XEP-0461 fallback: the quoted part of the body (`start..<end`, in Unicode scalars) to strip.
    public var replyFallback: Range<Int>?
    /// XEP-0201 `<thread>` id and its `parent` attribute.
    public var thread: String?
    public var threadParent: String?
    /// XEP-0444: the id of the message reacted to and the sender's full set of reactions to it.
    public var reactionsToID: String?
    public var reactions: [String] = []
    /// The real JID of a MUC occupant (`<x xmlns='…muc#user'><item jid=…/>`).
    public var occupantJID: String?
    /// Cisco managed file transfer (`<advanced-file-transfer><filename>`): the file's name. The
    /// message's `<body>` is then a placeholder for old clients; the text sent with the file is the
    /// `<aft-html>` body (in `xhtmlMarkdown`).
    public var fileTransferName: String?

    public init() {}

    public static func == (a: XMPPStanza, b: XMPPStanza) -> Bool {
        a.kind == b.kind && a.from == b.from && a.to == b.to && a.type == b.type && a.id == b.id && a.originID == b.originID
            && a.stanzaIDs == b.stanzaIDs && a.body == b.body && a.xhtmlMarkdown == b.xhtmlMarkdown && a.subject == b.subject
            && a.delayStamp == b.delayStamp && a.links.map(\.url) == b.links.map(\.url)
            && a.links.map(\.description) == b.links.map(\.description) && a.replacesID == b.replacesID
            && a.replyToID == b.replyToID && a.replyFallback == b.replyFallback && a.thread == b.thread
            && a.threadParent == b.threadParent && a.reactionsToID == b.reactionsToID && a.reactions == b.reactions
            && a.occupantJID == b.occupantJID && a.fileTransferName == b.fileTransferName
    }
}
