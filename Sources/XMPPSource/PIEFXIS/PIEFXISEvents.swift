import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a PIEFXIS document yields while it streams by.
enum PIEFXISEvent {
    case account(String)
    /// A roster entry of `owner`: the contact's JID.
    case contact(owner: String, jid: String)
    case message(ArchiveRow)
    /// An `xi:include` to read after the current file, in the context it appeared in.
    case include(href: String, host: String?, user: String?)
}

/// Streams one XEP-0227 file with `XMLParser` (the file is read in chunks, never whole) and reports
/// accounts, roster entries, archived and offline messages, and includes. Both namespaces are read:
/// `urn:xmpp:pie:0` and the old `http://www.xmpp.org/extensions/xep-0227.html#ns`; other namespaces
/// are ignored.
final class PIEFXISEvents: NSObject, XMLParserDelegate {
    static let xinclude = "http://www.w3.org/2001/XInclude"
    static let roster = "jabber:iq:roster"

    private let fileName: String
    private let emit: (PIEFXISEvent) throws -> Void
    private var host: String?
    private var user: String?
    private var path: [String] = []
    private var sawRoot = false
    private var resultID: String?
    private var forwardedStamp: Int64?
    private var messageCopy: StanzaSerializer?
    private var messageLine = 0
    private var messageIndex = 0
    /// An error thrown by `emit`, rethrown once the parser has stopped.
    private(set) var failure: Error?

    init(fileName: String, host: String?, user: String?, emit: @escaping (PIEFXISEvent) throws -> Void) {
        self.fileName = fileName
        self.host = host
        self.user = user
        self.emit = emit
    }

    /// Parses `url`; returns the parser's complaint (`line L, column C: …`) if the file is malformed or cut short.
    static func read(_ url: URL, displayName: String, host: String?, user: String?,
                     emit: @escaping (PIEFXISEvent) throws -> Void) throws -> String? {
        guard let stream = InputStream(url: url) else { throw XMPPSourceError("\(displayName): cannot open") }
        let parser = XMLParser(stream: stream)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let events = PIEFXISEvents(fileName: displayName, host: host, user: user, emit: emit)
        parser.delegate = events
        let finished = parser.parse()
        if let failure = events.failure { throw failure }
        guard finished else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed"
            return "line \(parser.lineNumber), column \(parser.columnNumber): \(StanzaParser.oneLine(reason))"
        }
        // A stream that simply stops is not always an error to XMLParser: an open element is.
        if !events.path.isEmpty || !events.sawRoot {
            return "line \(parser.lineNumber), column \(parser.columnNumber): the file ends inside <\(events.path.last ?? "no root element")> (truncated)"
        }
        return nil
    }

    private func send(_ event: PIEFXISEvent, _ parser: XMLParser) {
        guard failure == nil else { return }
        do { try emit(event) } catch {
            failure = error
            parser.abortParsing()
        }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        defer { path.append(name); sawRoot = true }
        if messageCopy != nil {
            messageCopy!.start(name, namespace: namespaceURI, attributes: attributes)
            return
        }
        switch (name, namespaceURI ?? "") {
        case ("include", Self.xinclude):
            if let href = attributes["href"] { send(.include(href: href, host: host, user: user), parser) }
        case ("host", _) where PIEFXISNamespace.isPIE(namespaceURI):
            host = attributes["jid"]
        case ("user", _) where PIEFXISNamespace.isPIE(namespaceURI):
            guard let name = attributes["name"] else { user = nil; return }
            user = host.map { "\(name)@\($0)" } ?? name
            send(.account(user!), parser)
        case ("item", Self.roster):
            if let user, let jid = attributes["jid"] { send(.contact(owner: user, jid: jid), parser) }
        case ("result", let ns) where ns.hasPrefix("urn:xmpp:mam:"):
            resultID = attributes["id"]
            forwardedStamp = nil
        case ("delay", "urn:xmpp:delay") where path.last == "forwarded":
            forwardedStamp = attributes["stamp"].flatMap(XMPPTimestamp.milliseconds)
        case ("message", _) where XMPPNamespace.isStanza(namespaceURI) && user != nil
            && (path.last == "forwarded" || path.last == "offline-messages"):
            messageLine = parser.lineNumber
            messageCopy = StanzaSerializer()
            messageCopy!.start(name, namespace: namespaceURI, attributes: attributes)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        messageCopy?.characters(string)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName qName: String?) {
        path.removeLast()
        if messageCopy != nil {
            messageCopy!.end(name)
            guard messageCopy!.depth == 0, let owner = user else { return }
            let xml = messageCopy!.xml
            messageCopy = nil
            messageIndex += 1
            let inArchive = path.last == "forwarded"
            // A room message in a member's archive belongs to the room (from it, or to it when sent).
            let isRoom = Self.attribute("type", in: xml) == "groupchat"
            var room: String?
            if isRoom {
                let from = Self.attribute("from", in: xml).flatMap(XMPPJID.init)
                room = (from == XMPPJID(owner) ? Self.attribute("to", in: xml).flatMap(XMPPJID.init) : from)?.description
            }
            let row = ArchiveRow(location: "\(fileName) line \(messageLine)",
                                 owner: room ?? owner,
                                 isRoom: room != nil, nick: nil,
                                 archiveID: inArchive ? (resultID ?? "\(fileName)#\(messageIndex)") : "\(fileName)#\(messageIndex)",
                                 time: inArchive ? (forwardedStamp ?? 0) : 0, stanza: xml, mayRepeat: true)
            send(.message(row), parser)
            return
        }
        if name == "user" && PIEFXISNamespace.isPIE(namespaceURI) { user = nil }
        if name == "host" && PIEFXISNamespace.isPIE(namespaceURI) { host = nil }
    }

    /// An attribute of the serialised start tag (written by `StanzaSerializer`, so always `key='…'`).
    static func attribute(_ key: String, in xml: String) -> String? {
        guard let tagEnd = xml.firstIndex(of: ">"), let start = xml[..<tagEnd].range(of: " \(key)='") else { return nil }
        guard let end = xml[start.upperBound..<tagEnd].firstIndex(of: "'") else { return nil }
        return String(xml[start.upperBound..<end])
            .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}

/// The two namespaces of XEP-0227's own elements.
enum PIEFXISNamespace {
    static let current = "urn:xmpp:pie:0"
    static let old = "http://www.xmpp.org/extensions/xep-0227.html#ns"

    static func isPIE(_ namespace: String?) -> Bool { namespace == current || namespace == old }
}
