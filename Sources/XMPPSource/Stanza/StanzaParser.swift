import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Why a stored stanza could not be read, with the parser's own line and column.
public struct StanzaParseError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}

/// Parses stanzas stored one by one (a database column): the plain common shape with
/// `StanzaScanner`, anything else with Foundation's `XMLParser` (both feed one `StanzaCollector`).
/// A parser keeps its buffers from one stanza to the next: one per thread reading many rows.
public final class StanzaParser {
    private let scanner = StanzaScanner()

    public init() {}

    public func parse(_ text: String) throws -> XMPPStanza {
        if let stanza = scanner.parse(text) { return stanza }
        return try Self.parseWithXMLParser(text)
    }

    /// One stanza, with buffers of its own (for the odd stanza outside a row loop).
    public static func parse(_ text: String) throws -> XMPPStanza {
        try StanzaParser().parse(text)
    }

    /// The `XMLParser` path alone (the fast path's reference in tests).
    static func parseWithXMLParser(_ text: String) throws -> XMPPStanza {
        let data = Data(text.utf8)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        let delegate = SingleStanzaDelegate()
        parser.delegate = delegate
        guard parser.parse(), delegate.collector.isComplete else {
            let error = parser.parserError.map { "\($0.localizedDescription)" } ?? "no complete element"
            throw StanzaParseError(reason: "malformed stanza XML at line \(parser.lineNumber), column \(parser.columnNumber): \(Self.oneLine(error))")
        }
        return delegate.collector.stanza
    }

    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

/// Feeds one document's events to a `StanzaCollector`.
private final class SingleStanzaDelegate: NSObject, XMLParserDelegate {
    let collector = StanzaCollector()

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        collector.start(elementName, namespace: namespaceURI, attributes: StanzaAttributes(attributeDict))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        collector.end(elementName, namespace: namespaceURI)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        collector.characters(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        collector.characters(String(decoding: CDATABlock, as: UTF8.self))
    }
}
