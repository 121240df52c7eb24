/// What a conversion needs from one stored `<message/>` (or `<presence/>`) stanza.
///
/// The values sit in a storage box, copied on write: stanzas are handed between threads and functions
/// several times per row, and copying some twenty strings and arrays retained and released each of
/// them every time.
public struct XMPPStanza: Sendable, Equatable {
    struct Fields {
        var kind: String = ""
        var from: String?
        var to: String?
        var type: String?
        var id: String?
        var originID: String?
        var stanzaIDs: [String] = []
        var body: String?
        var xhtmlMarkdown: String?
        var subject: String?
        var delayStamp: Int64?
        var links: [(url: String, description: String?)] = []
        var replacesID: String?
        var replyToID: String?
        var replyFallback: Range<Int>?
        var thread: String?
        var threadParent: String?
        var reactionsToID: String?
        var reactions: [String] = []
        var occupantJID: String?
        var fileTransferName: String?
    }

    private final class Box: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
        /// What every new stanza starts with: the first change gives it a box of its own.
        static let empty = Box(Fields())
    }

    private var box = Box.empty

    /// The box, made this value's own before a change.
    private mutating func owned() -> Box {
        if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
        return box
    }

    /// `message`, `presence`, `iq`.
    public var kind: String {
        get { box.fields.kind }
        _modify { yield &owned().fields.kind }
    }
    public var from: String? {
        get { box.fields.from }
        _modify { yield &owned().fields.from }
    }
    public var to: String? {
        get { box.fields.to }
        _modify { yield &owned().fields.to }
    }
    /// `chat`, `groupchat`, `normal`, `headline`, `error` (absent: `normal`).
    public var type: String? {
        get { box.fields.type }
        _modify { yield &owned().fields.type }
    }
    /// The stanza's `id` attribute.
    public var id: String? {
        get { box.fields.id }
        _modify { yield &owned().fields.id }
    }
    /// XEP-0359 `<origin-id id=…>` (the sender's own id, kept by MUCs that rewrite `id`).
    public var originID: String? {
        get { box.fields.originID }
        _modify { yield &owned().fields.originID }
    }
    /// XEP-0359 `<stanza-id id=… by=…>` ids, the archive ids a MUC or server gave the message.
    public var stanzaIDs: [String] {
        get { box.fields.stanzaIDs }
        _modify { yield &owned().fields.stanzaIDs }
    }
    /// The first `<body/>` text, as sent.
    public var body: String? {
        get { box.fields.body }
        _modify { yield &owned().fields.body }
    }
    /// The XHTML-IM body, already converted to Markdown.
    public var xhtmlMarkdown: String? {
        get { box.fields.xhtmlMarkdown }
        _modify { yield &owned().fields.xhtmlMarkdown }
    }
    public var subject: String? {
        get { box.fields.subject }
        _modify { yield &owned().fields.subject }
    }
    /// XEP-0203 `<delay stamp>` (or the legacy `jabber:x:delay`), in ms since the epoch.
    public var delayStamp: Int64? {
        get { box.fields.delayStamp }
        _modify { yield &owned().fields.delayStamp }
    }
    /// XEP-0066 out-of-band links: URL and optional description.
    public var links: [(url: String, description: String?)] {
        get { box.fields.links }
        _modify { yield &owned().fields.links }
    }
    /// XEP-0308: the id of the message this one corrects.
    public var replacesID: String? {
        get { box.fields.replacesID }
        _modify { yield &owned().fields.replacesID }
    }
    /// XEP-0461: the id of the message this one replies to.
    public var replyToID: String? {
        get { box.fields.replyToID }
        _modify { yield &owned().fields.replyToID }
    }
    /// XEP-0461 fallback: the quoted part of the body (`start..<end`, in Unicode scalars) to strip.
    public var replyFallback: Range<Int>? {
        get { box.fields.replyFallback }
        _modify { yield &owned().fields.replyFallback }
    }
    /// XEP-0201 `<thread>` id and its `parent` attribute.
    public var thread: String? {
        get { box.fields.thread }
        _modify { yield &owned().fields.thread }
    }
    public var threadParent: String? {
        get { box.fields.threadParent }
        _modify { yield &owned().fields.threadParent }
    }
    /// XEP-0444: the id of the message reacted to and the sender's full set of reactions to it.
    public var reactionsToID: String? {
        get { box.fields.reactionsToID }
        _modify { yield &owned().fields.reactionsToID }
    }
    public var reactions: [String] {
        get { box.fields.reactions }
        _modify { yield &owned().fields.reactions }
    }
    /// The real JID of a MUC occupant (`<x xmlns='…muc#user'><item jid=…/>`).
    public var occupantJID: String? {
        get { box.fields.occupantJID }
        _modify { yield &owned().fields.occupantJID }
    }
    /// Cisco managed file transfer (`<advanced-file-transfer><filename>`): the file's name. The
    /// message's `<body>` is then a placeholder for old clients; the text sent with the file is the
    /// `<aft-html>` body (in `xhtmlMarkdown`).
    public var fileTransferName: String? {
        get { box.fields.fileTransferName }
        _modify { yield &owned().fields.fileTransferName }
    }

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
