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
