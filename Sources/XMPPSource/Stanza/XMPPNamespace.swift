/// The namespaces a stored stanza is read for; elements in any other namespace are ignored.
enum XMPPNamespace {
    static let client = "jabber:client"
    static let server = "jabber:server"
    static let delay = "urn:xmpp:delay"
    static let legacyDelay = "jabber:x:delay"
    static let stanzaID = "urn:xmpp:sid:0"
    static let correction = "urn:xmpp:message-correct:0"
    static let reply = "urn:xmpp:reply:0"
    static let fallback = "urn:xmpp:fallback:0"
    static let reactions = "urn:xmpp:reactions:0"
    static let oob = "jabber:x:oob"
    static let mucUser = "http://jabber.org/protocol/muc#user"
    static let xhtmlIM = "http://jabber.org/protocol/xhtml-im"
    static let xhtml = "http://www.w3.org/1999/xhtml"

    /// Whether `namespace` is the stanza's own (client/server streams, or none when stored bare).
    static func isStanza(_ namespace: String?) -> Bool {
        namespace == nil || namespace == "" || namespace == client || namespace == server
    }
}
