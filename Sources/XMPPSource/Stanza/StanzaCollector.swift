import SourceToolkit
/// Builds an `XMPPStanza` from the parse events of one stanza element (its start tag first, its end
/// tag last), whatever document it sits in: a database column holding just the stanza, or a
/// XEP-0227 file with millions of them.
final class StanzaCollector {
    private(set) var stanza = XMPPStanza()
    /// (local name, namespace) of the open elements, the stanza itself first.
    private var path: [(name: String, namespace: String?)] = []
    private var text = ""
    private var capturing = false
    private var xhtml: XHTMLMarkdown?
    private var xhtmlDepth = 0
    private var inReplyFallback = false

    init() {
        // Room for the usual nesting at once (see `StanzaScanner`).
        path.reserveCapacity(8)
    }

    /// Readies the collector for the next stanza (the path keeps its storage).
    func reset() {
        stanza = XMPPStanza()
        path.removeAll(keepingCapacity: true)
        text = ""
        capturing = false
        xhtml = nil
        xhtmlDepth = 0
        inReplyFallback = false
    }

    /// Moves the finished stanza out, leaving an empty one: a stanza is a few hundred bytes of
    /// references, and copying it out then resetting retained and released every one of them.
    func takeStanza() -> XMPPStanza {
        var taken = XMPPStanza()
        swap(&taken, &stanza)
        return taken
    }

    /// Whether the stanza's end tag has been seen.
    var isComplete: Bool { path.isEmpty && !stanza.kind.isEmpty }

    func start(_ name: String, namespace: String?, attributes: StanzaAttributes) {
        defer { path.append((name, namespace)) }
        if let xhtml {
            xhtmlDepth += 1
            xhtml.start(name, attributes: attributes)
            return
        }
        let depth = path.count
        if depth == 0 {
            stanza.kind = name
            stanza.from = attributes["from"]
            stanza.to = attributes["to"]
            stanza.type = attributes["type"]
            stanza.id = attributes["id"]
            return
        }
        let parent = path[depth - 1]
        switch (name, namespace ?? "") {
        case ("body", _) where depth == 1 && XMPPNamespace.isStanza(namespace) && stanza.body == nil,
             ("subject", _) where depth == 1 && XMPPNamespace.isStanza(namespace) && stanza.subject == nil,
             ("thread", _) where depth == 1 && XMPPNamespace.isStanza(namespace) && stanza.thread == nil:
            if name == "thread" { stanza.threadParent = attributes["parent"] }
            beginText()
        case ("delay", XMPPNamespace.delay), ("x", XMPPNamespace.legacyDelay):
            // The first stamp is the original send time (later hops add their own).
            if stanza.delayStamp == nil, let stamp = attributes["stamp"] { stanza.delayStamp = XMPPTimestamp.milliseconds(stamp) }
        case ("origin-id", XMPPNamespace.stanzaID):
            stanza.originID = attributes["id"]
        case ("stanza-id", XMPPNamespace.stanzaID):
            if let id = attributes["id"] { stanza.stanzaIDs.append(id) }
        case ("replace", XMPPNamespace.correction):
            stanza.replacesID = attributes["id"]
        case ("reply", XMPPNamespace.reply):
            stanza.replyToID = attributes["id"]
        case ("body", XMPPNamespace.fallback) where parent.name == "fallback" && inReplyFallback:
            if let start = attributes["start"].flatMap(Int.init), let end = attributes["end"].flatMap(Int.init), start >= 0, end > start {
                stanza.replyFallback = start..<end
            }
        case ("fallback", XMPPNamespace.fallback):
            // Only a reply's fallback is stripped; other fallbacks keep their text.
            inReplyFallback = attributes["for"] == XMPPNamespace.reply
        case ("reactions", XMPPNamespace.reactions):
            stanza.reactionsToID = attributes["id"]
        case ("reaction", XMPPNamespace.reactions):
            beginText()
        case ("url", XMPPNamespace.oob), ("desc", XMPPNamespace.oob):
            beginText()
        case ("item", XMPPNamespace.mucUser) where parent.name == "x":
            if stanza.occupantJID == nil, let jid = attributes["jid"] { stanza.occupantJID = jid }
        case ("filename", _) where parent.name == "advanced-file-transfer" && depth == 2:
            beginText()
        case ("body", _) where parent.name == "aft-html" && depth == 2:
            // Cisco's text sent with a file, as XHTML (namespace varies by client release).
            stanza.xhtmlMarkdown = nil
            xhtml = XHTMLMarkdown()
            xhtmlDepth = 0
        case ("body", XMPPNamespace.xhtml) where parent.namespace == XMPPNamespace.xhtmlIM && stanza.xhtmlMarkdown == nil:
            xhtml = XHTMLMarkdown()
            xhtmlDepth = 0
        default:
            break
        }
    }

    func characters(_ string: String) {
        if let xhtml { xhtml.text(string) } else if capturing { text += string }
    }

    func end(_ name: String, namespace: String?) {
        guard let open = path.popLast() else { return }
        if let xhtml {
            if xhtmlDepth == 0 {
                stanza.xhtmlMarkdown = xhtml.markdown
                self.xhtml = nil
            } else {
                xhtmlDepth -= 1
                xhtml.end(open.name)
            }
            return
        }
        guard capturing else { return }
        capturing = false
        switch (open.name, open.namespace ?? "") {
        case ("filename", _): stanza.fileTransferName = text.trimmingWhitespace
        case ("body", _): stanza.body = text
        case ("subject", _): stanza.subject = text
        case ("thread", _): stanza.thread = text.trimmingWhitespace
        case ("reaction", _): stanza.reactions.append(text.trimmingWhitespace)
        case ("url", _): stanza.links.append((text.trimmingWhitespace, nil))
        case ("desc", _):
            if !stanza.links.isEmpty, !text.isEmpty { stanza.links[stanza.links.count - 1].description = text }
        default: break
        }
    }

    private func beginText() {
        capturing = true
        text = ""
    }
}
