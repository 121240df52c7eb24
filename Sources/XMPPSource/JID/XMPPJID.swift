import SourceToolkit
/// A JID reduced to who it names: the resource is dropped (one person, many clients), XEP-0106
/// escapes in the localpart are decoded and letters are folded to lower case (case variants are one
/// account: XMPP's nodeprep and nameprep fold case).
public struct XMPPJID: Hashable, Sendable, CustomStringConvertible {
    /// The decoded, lower-cased localpart (`john doe` for `John\20Doe@x`); empty for a server JID.
    public var localpart: String
    /// The lower-cased domain; `nil` for a JID stored without one (`alice`, `alice/Home`).
    public var domain: String?

    /// Parses `text` (`local@domain/resource`, `local@domain`, `domain`, `local`): the first `/`
    /// starts the resource, the last `@` before it ends the localpart. A string without `@` or `.` is
    /// taken as a bare localpart (how some databases store local users), not as a domain.
    public init?(_ text: String) {
        switch Self.parseVisibleASCII(text) {
        case .parsed(let jid): self = jid; return
        case .invalid: return nil
        case .needsFullParse: break
        }
        var bare = Self.trimmed(text)
        if let slash = bare.firstIndex(of: "/") { bare = bare[..<slash] }
        guard !bare.isEmpty else { return nil }
        if let at = bare.lastIndex(of: "@") {
            let local = bare[..<at], host = bare[bare.index(after: at)...]
            localpart = Self.unescape(local).lowercased()
            domain = host.isEmpty ? nil : host.lowercased()
            if localpart.isEmpty && domain == nil { return nil }
        } else if bare.contains(".") {
            localpart = ""
            domain = bare.lowercased()
        } else {
            localpart = Self.unescape(bare).lowercased()
            domain = nil
        }
    }

    private enum QuickParse {
        case parsed(XMPPJID)
        case invalid
        case needsFullParse
    }

    /// The same parse on the bytes of a JID whose bare part is visible ASCII without escapes (nearly
    /// every JID): several JIDs are parsed per archive row, and Character-level searching and Unicode
    /// case folding were a sixth of an ejabberd conversion. Anything else takes the full parse.
    private static func parseVisibleASCII(_ text: String) -> QuickParse {
        let quick = text.utf8.withContiguousStorageIfAvailable { bytes -> QuickParse in
            var end = bytes.count, at = -1, dot = false
            for index in 0..<bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "/") { end = index; break }
                guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return .needsFullParse }
                if byte == UInt8(ascii: "@") { at = index } else if byte == UInt8(ascii: ".") { dot = true }
            }
            guard end > 0 else { return bytes.isEmpty ? .invalid : .needsFullParse }
            func lowered(_ range: Range<Int>) -> String {
                String(unsafeUninitializedCapacity: range.count) { buffer in
                    for (offset, byte) in bytes[range].enumerated() {
                        buffer[offset] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
                    }
                    return range.count
                }
            }
            if at >= 0 {
                let domain = at + 1 < end ? lowered(at + 1..<end) : nil
                if at == 0 && domain == nil { return .invalid }
                return .parsed(XMPPJID(localpart: lowered(0..<at), domain: domain))
            }
            return dot ? .parsed(XMPPJID(localpart: "", domain: lowered(0..<end))) : .parsed(XMPPJID(localpart: lowered(0..<end), domain: nil))
        }
        return quick ?? .needsFullParse
    }

    public init(localpart: String, domain: String?) {
        self.localpart = localpart
        self.domain = domain
    }

    /// `text` without surrounding white space. JIDs are parsed several times per archive row, and
    /// most have none: a first and last byte of visible ASCII cannot be (or start) white space.
    static func trimmed(_ text: String) -> Substring {
        if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return text[...]
        }
        return Substring(text.trimmingWhitespace)
    }

    /// This JID with `domain` filled in when it has none.
    public func withDomain(_ fallback: String?) -> XMPPJID {
        guard domain == nil, let fallback, !fallback.isEmpty else { return self }
        return XMPPJID(localpart: localpart, domain: fallback.lowercased())
    }

    /// The bare JID as text (`john doe@example.com`, `alice`, `conference.example.com`).
    public var description: String {
        guard let domain else { return localpart }
        return localpart.isEmpty ? domain : "\(localpart)@\(domain)"
    }

    /// The XEP-0106 escapes (`\20` space … `\5c` backslash); anything else stays as written.
    static let escapes: [String: Character] = [
        "20": " ", "22": "\"", "26": "&", "27": "'", "2f": "/", "3a": ":", "3c": "<", "3e": ">", "40": "@", "5c": "\\",
    ]

    /// Decodes `\XX` escapes of XEP-0106 in a localpart.
    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return String(text) }  // bytes, not Characters
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            if char == "\\", let end = text.index(index, offsetBy: 3, limitedBy: text.endIndex),
               let decoded = escapes[text[text.index(after: index)..<end].lowercased()] {
                out.append(decoded)
                index = end
            } else {
                out.append(char)
                index = text.index(after: index)
            }
        }
        return out
    }
}
