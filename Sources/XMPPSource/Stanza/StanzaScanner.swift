/// The fast path of `StanzaParser`: reads the plain XML most stored stanzas are written in (elements,
/// default `xmlns` declarations, quoted attributes, text with the five predefined entities and
/// character references) straight from the UTF-8 bytes, and feeds the same `StanzaCollector` the
/// `XMLParser` path feeds, so both give the same `XMPPStanza`. Creating an `XMLParser` (and its libxml2
/// context) per database row cost more than everything else a row needs.
///
/// Anything beyond that plain shape — CDATA, comments, processing instructions, a DOCTYPE, prefixed
/// names, `xmlns=''`, carriage returns or tabs/newlines inside attribute values (which XML normalises),
/// unknown entities, characters XML forbids, content outside the root, or any well-formedness error —
/// makes it return `nil`, and the caller lets `XMLParser` read the stanza (and word its errors).
///
/// One scanner reads any number of stanzas, one at a time, keeping its buffers (the open elements,
/// an attribute list, the collector) from one to the next: made anew per stanza, they were a quarter
/// of the allocations of an ejabberd row.
final class StanzaScanner {
    /// Beyond these libxml2 applies limits of its own (text node size, nesting depth): such stanzas
    /// go to `XMLParser`, so both paths keep agreeing.
    static let maxBytes = 1 << 20
    static let maxDepth = 64

    private var open: [(name: String, namespace: String?)] = []
    private var attributes = StanzaAttributes()
    private let collector = StanzaCollector()

    init() {
        // Room for the usual nesting at once: growing from empty reallocated twice per stanza.
        open.reserveCapacity(8)
    }

    func parse(_ text: String) -> XMPPStanza? {
        guard text.utf8.count <= Self.maxBytes else { return nil }
        collector.reset()
        open.removeAll(keepingCapacity: true)
        var text = text
        return text.withUTF8 { bytes in
            // The buffers are swapped into the scanner and back (no copy): a struct's own arrays are
            // cheaper to touch in the byte loop than a class's.
            var scanner = Scanner(bytes: bytes, collector: collector)
            swap(&scanner.open, &open)
            swap(&scanner.attributes, &attributes)
            defer {
                swap(&scanner.open, &open)
                swap(&scanner.attributes, &attributes)
            }
            return scanner.run()
        }
    }

    private struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        let collector: StanzaCollector
        /// The open elements: their names (to match end tags) and namespaces (inherited by children).
        var open: [(name: String, namespace: String?)] = []
        /// The current start tag's attributes (emptied per tag, storage kept).
        var attributes = StanzaAttributes()

        init(bytes: UnsafeBufferPointer<UInt8>, collector: StanzaCollector) {
            self.bytes = bytes
            self.collector = collector
        }

        mutating func run() -> XMPPStanza? {
            guard bytes.first == UInt8(ascii: "<") else { return nil }
            while position < bytes.count {
                if bytes[position] == UInt8(ascii: "<") {
                    guard position + 1 < bytes.count else { return nil }
                    switch bytes[position + 1] {
                    case UInt8(ascii: "/"):
                        guard endTag() else { return nil }
                        if open.isEmpty {
                            // Only the one stanza: nothing may follow its end tag.
                            return position == bytes.count && collector.isComplete ? collector.takeStanza() : nil
                        }
                    case UInt8(ascii: "!"), UInt8(ascii: "?"):
                        return nil
                    default:
                        guard startTag() else { return nil }
                        if open.isEmpty { return position == bytes.count && collector.isComplete ? collector.takeStanza() : nil }
                    }
                } else {
                    guard !open.isEmpty, let text = self.text() else { return nil }
                    collector.characters(text)
                }
            }
            return nil
        }

        // MARK: tags

        /// `<name attr='v' …>` or `<name …/>`; `position` is at `<`.
        mutating func startTag() -> Bool {
            position += 1
            guard let name = self.name() else { return false }
            attributes.removeAll()
            var namespace = open.last?.namespace
            var selfClosing = false
            while true {
                let hadSpace = skipSpace()
                guard position < bytes.count else { return false }
                if bytes[position] == UInt8(ascii: ">") { position += 1; break }
                if bytes[position] == UInt8(ascii: "/") {
                    guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else { return false }
                    position += 2
                    selfClosing = true
                    break
                }
                guard hadSpace, let key = attributeName() else { return false }
                skipSpace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { return false }
                position += 1
                skipSpace()
                guard let value = attributeValue() else { return false }
                if key == "xmlns" {
                    guard !value.isEmpty else { return false }
                    namespace = value
                }
                guard attributes.add(key, value) else { return false }
            }
            collector.start(name, namespace: namespace, attributes: attributes)
            if selfClosing {
                collector.end(name, namespace: namespace)
            } else {
                guard open.count < StanzaScanner.maxDepth else { return false }
                open.append((name, namespace))
            }
            return true
        }

        /// `</name>`, which must close the innermost open element; `position` is at `<`.
        mutating func endTag() -> Bool {
            position += 2
            guard let name = self.name(), let innermost = open.last, innermost.name == name else { return false }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { return false }
            position += 1
            open.removeLast()
            collector.end(name, namespace: innermost.namespace)
            return true
        }

        /// An ASCII element name without a prefix (`stanza-id`, `body`).
        mutating func name() -> String? {
            let start = position
            guard position < bytes.count, Self.isNameStart(bytes[position]) else { return nil }
            position += 1
            while position < bytes.count, Self.isNameByte(bytes[position]) { position += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        /// An attribute name: unprefixed, or `xml:` (`xml:lang`), which needs no declaration.
        mutating func attributeName() -> String? {
            guard let first = name() else { return nil }
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return first }
            guard first == "xml" else { return nil }
            position += 1
            guard let local = name() else { return nil }
            return "xml:" + local
        }

        /// A quoted value with its references replaced.
        mutating func attributeValue() -> String? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "'") || bytes[position] == UInt8(ascii: "\"") else { return nil }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != quote {
                // `<` is forbidden; tabs and line ends would be normalised to spaces: let XMLParser do it.
                let byte = bytes[position]
                if byte == UInt8(ascii: "<") || byte == 0x09 || byte == 0x0A { return nil }
                position += 1
            }
            guard position < bytes.count else { return nil }
            let value = decode(start..<position)
            position += 1
            return value
        }

        // MARK: text

        /// The text up to the next `<`, references replaced.
        mutating func text() -> String? {
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "<") {
                if bytes[position] == UInt8(ascii: ">"), position >= start + 2,
                   bytes[position - 1] == UInt8(ascii: "]"), bytes[position - 2] == UInt8(ascii: "]") { return nil }
                position += 1
            }
            return decode(start..<position)
        }

        /// The characters of `range`, or `nil` when they hold an entity other than the predefined five,
        /// a bad character reference, or a character XML forbids (carriage returns included: XML turns
        /// them into line feeds).
        func decode(_ range: Range<Int>) -> String? {
            var hasReference = false
            var index = range.lowerBound
            while index < range.upperBound {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x09 && byte != 0x0A { return nil }
                if byte == UInt8(ascii: "&") { hasReference = true }
                // U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters.
                if byte == 0xEF, index + 2 < range.upperBound, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return nil }
                index += 1
            }
            let raw = UnsafeBufferPointer(rebasing: bytes[range])
            guard hasReference else { return String(decoding: raw, as: UTF8.self) }
            var out: [UInt8] = []
            out.reserveCapacity(raw.count)
            index = 0
            while index < raw.count {
                guard raw[index] == UInt8(ascii: "&") else {
                    out.append(raw[index])
                    index += 1
                    continue
                }
                guard let semicolon = raw[index...].firstIndex(of: UInt8(ascii: ";")), semicolon - index <= 12 else { return nil }
                let entity = String(decoding: UnsafeBufferPointer(rebasing: raw[(index + 1)..<semicolon]), as: UTF8.self)
                guard let scalar = Self.replacement(of: entity) else { return nil }
                UTF8.encode(scalar) { out.append($0) }
                index = semicolon + 1
            }
            return String(decoding: out, as: UTF8.self)
        }

        /// `amp`, `lt`, `gt`, `apos`, `quot`, `#N` and `#xH` (an XML character only).
        static func replacement(of entity: String) -> Unicode.Scalar? {
            switch entity {
            case "amp": return "&"
            case "lt": return "<"
            case "gt": return ">"
            case "apos": return "'"
            case "quot": return "\""
            default:
                guard entity.hasPrefix("#") else { return nil }
                let digits = entity.dropFirst()
                let value: UInt32?
                if digits.hasPrefix("x") {
                    let hex = digits.dropFirst()
                    value = hex.allSatisfy(\.isHexDigit) ? UInt32(hex, radix: 16) : nil
                } else {
                    value = digits.allSatisfy { $0.isASCII && $0.isNumber } ? UInt32(digits) : nil
                }
                guard let value, value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
                        || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value) else { return nil }
                return Unicode.Scalar(value)
            }
        }

        /// XML white space (no carriage return: see `decode`); whether there was any.
        @discardableResult
        mutating func skipSpace() -> Bool {
            let start = position
            while position < bytes.count, bytes[position] == 0x20 || bytes[position] == 0x09 || bytes[position] == 0x0A { position += 1 }
            return position > start
        }

        static func isNameStart(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || byte == UInt8(ascii: "_")
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            isNameStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }
}
