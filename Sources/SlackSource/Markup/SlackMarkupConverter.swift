import SourceToolkit
/// Converts Slack `mrkdwn` text to Mattermost markdown with one left-to-right scan (a tokenizer, not a
/// chain of regular expressions, so that code stays code and tokens are never rewritten twice):
///
/// - `<@U…>` → `@username`, `<#C…|x>` → `~channel` (final Mattermost names), `<!here>` → `@here`,
///   `<!channel>` → `@channel`, `<!everyone>` → `@all`, `<!subteam^…|@x>` → `@x`, `<!date^…|fallback>` →
///   fallback, `<url|label>` → `[label](url)`, `<url>` → url, `<mailto:a|a>` → `[a](mailto:a)`.
/// - `&amp;`, `&lt;`, `&gt;` are decoded everywhere, also inside code (CommonMark would not decode them
///   there); a decoded `&` that would read as an entity is re-escaped.
/// - `*bold*` → `**bold**` and `~strike~` → `~~strike~~`, outside code only.
/// - ``` fences glued to text are moved onto their own lines; `>>>` quotes the rest of the message.
/// - A `#` that starts a line is escaped (Slack has no headings).
public struct SlackMarkupConverter {
    public let resolver: any NameResolver

    public init(resolver: any NameResolver) {
        self.resolver = resolver
    }

    public func convert(_ text: String) -> String {
        let needsWork = text.utf8.withContiguousStorageIfAvailable { $0.contains(where: Self.isInteresting) }
            ?? text.utf8.contains(where: Self.isInteresting)
        guard needsWork else { return text }
        var scanner = Scanner(source: Array(text.utf8), resolver: resolver)
        scanner.run()
        return String(decoding: scanner.out, as: UTF8.self)
    }

    /// Bytes that can start something to convert; text without them is returned unchanged. A switch,
    /// not a lookup table: a static table's accessor ran once per byte.
    private static func isInteresting(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "~"),
             UInt8(ascii: "`"), UInt8(ascii: ">"), UInt8(ascii: "#"): true
        default: false
        }
    }
}

private let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), newline = UInt8(ascii: "\n")
private let star = UInt8(ascii: "*"), tilde = UInt8(ascii: "~"), backtick = UInt8(ascii: "`"), hash = UInt8(ascii: "#")
private let space = UInt8(ascii: " "), bar = UInt8(ascii: "|")

private struct Scanner {
    let source: [UInt8]
    let resolver: any NameResolver
    var out: [UInt8] = []
    var index = 0
    /// Positions of `*`/`~` already matched as closers of an emphasis opened earlier.
    var pendingClosers: [Int] = []
    /// After `>>>`, every following line is quoted.
    var quoteRest = false

    init(source: [UInt8], resolver: any NameResolver) {
        self.source = source
        self.resolver = resolver
        out.reserveCapacity(source.count + 16)
    }

    mutating func run() {
        while index < source.count {
            let byte = source[index]
            let atLineStart = index == 0 || source[index - 1] == newline
            if atLineStart, handleLineStart() { continue }
            switch byte {
            case backtick:
                if startsWith("```", at: index), emitFence() { continue }
                if emitInlineCode() { continue }
                out.append(byte)
                index += 1
            case lt:
                if let end = tokenEnd(from: index) {
                    emitToken(source[(index + 1)..<end], plain: false)
                    index = end + 1
                } else {
                    out.append(byte)
                    index += 1
                }
            case amp:
                index = emitEntity(at: index)
            case star, tilde:
                emitEmphasisDelimiter(byte)
            case newline:
                out.append(byte)
                index += 1
                if quoteRest, index < source.count { out.append(contentsOf: Array("> ".utf8)) }
            default:
                out.append(byte)
                index += 1
            }
        }
    }

    // MARK: line starts

    /// `>>>` (quote the rest) and a heading-like `#`; returns true when it consumed input.
    mutating func handleLineStart() -> Bool {
        if !quoteRest, startsWith("&gt;&gt;&gt;", at: index) || startsWith(">>>", at: index) {
            index += source[index] == amp ? 12 : 3
            if index < source.count, source[index] == space { index += 1 }
            if index < source.count, source[index] == newline { index += 1 }
            quoteRest = true
            out.append(contentsOf: Array("> ".utf8))
            return true
        }
        if source[index] == hash {
            var end = index
            while end < source.count, source[end] == hash { end += 1 }
            if end - index <= 6, end == source.count || source[end] == space {
                out.append(UInt8(ascii: "\\"))
            }
        }
        return false
    }

    // MARK: code

    /// A ``` block: put the fences on lines of their own. Returns false when there is no closing fence.
    mutating func emitFence() -> Bool {
        var search = index + 3
        var close: Int?
        while search + 3 <= source.count {
            if startsWith("```", at: search) { close = search; break }
            search += 1
        }
        guard let close else { return false }
        var contentStart = index + 3
        var contentEnd = close
        if contentStart < contentEnd, source[contentStart] == newline { contentStart += 1 }
        if contentEnd > contentStart, source[contentEnd - 1] == newline { contentEnd -= 1 }
        if let last = out.last, last != newline, !(quoteRest && out.suffix(2) == Array("> ".utf8)) {
            out.append(newline)
            if quoteRest { out.append(contentsOf: Array("> ".utf8)) }
        }
        out.append(contentsOf: Array("```\n".utf8))
        emitPlain(contentStart..<contentEnd, quotePrefix: quoteRest)
        out.append(newline)
        if quoteRest { out.append(contentsOf: Array("> ".utf8)) }
        out.append(contentsOf: Array("```".utf8))
        index = close + 3
        if index < source.count, source[index] != newline {
            out.append(newline)
            if quoteRest { out.append(contentsOf: Array("> ".utf8)) }
        }
        return true
    }

    /// `` `code` `` on one line; returns false when it does not close on the same line.
    mutating func emitInlineCode() -> Bool {
        var search = index + 1
        while search < source.count, source[search] != backtick, source[search] != newline { search += 1 }
        guard search < source.count, source[search] == backtick, search > index + 1 else { return false }
        out.append(backtick)
        emitPlain((index + 1)..<search, quotePrefix: false)
        out.append(backtick)
        index = search + 1
        return true
    }

    /// Code content: entities decoded, tokens shown as their text, nothing else touched.
    mutating func emitPlain(_ range: Range<Int>, quotePrefix: Bool) {
        var position = range.lowerBound
        while position < range.upperBound {
            let byte = source[position]
            if byte == amp, let (decoded, length) = entity(at: position) {
                out.append(decoded)
                position += length
            } else if byte == lt, let end = tokenEnd(from: position), end < range.upperBound {
                emitToken(source[(position + 1)..<end], plain: true)
                position = end + 1
            } else {
                out.append(byte)
                position += 1
                if byte == newline, quotePrefix { out.append(contentsOf: Array("> ".utf8)) }
            }
        }
    }

    // MARK: tokens

    /// The index of the `>` closing a `<` token at `start`, if the token is well formed (one line).
    func tokenEnd(from start: Int) -> Int? {
        guard start + 1 < source.count, !Scanner.isSpace(source[start + 1]) else { return nil }
        var position = start + 1
        while position < source.count {
            switch source[position] {
            case gt: return position > start + 1 ? position : nil
            case lt, newline: return nil
            default: position += 1
            }
        }
        return nil
    }

    mutating func emitToken(_ body: ArraySlice<UInt8>, plain: Bool) {
        let text = String(decoding: body, as: UTF8.self)
        switch SlackToken.parse(Substring(text)) {
        case .user(let id, _):
            append("@" + resolver.username(forUserID: id))
        case .channel(let id, let label):
            if let name = resolver.channelName(forChannelID: id) {
                append("~" + name)
            } else {
                append("#" + decode(label ?? id))
            }
        case .special(let mention):
            append(mention)
        case .subteam(let id, let label):
            let name = decode(label ?? id)
            append(name.hasPrefix("@") ? name : "@" + name)
        case .fallback(let text):
            append(decode(text))
        case .link(let rawURL, let rawLabel):
            let url = decode(rawURL)
            let label = rawLabel.map(decode)
            if plain {
                append(label ?? Self.displayURL(url))
            } else if let label, label != url, label != Self.displayURL(url) {
                append("[" + Self.escapeLabel(label) + "](" + Self.escapeDestination(url) + ")")
            } else {
                append(Self.displayURL(url) == url ? url : (label ?? Self.displayURL(url)))
            }
        }
    }

    /// `mailto:a@b` reads as `a@b` (Mattermost autolinks addresses); other URLs as they are.
    static func displayURL(_ url: String) -> String {
        url.hasPrefix("mailto:") ? String(url.dropFirst(7)) : url
    }

    static func escapeLabel(_ label: String) -> String {
        var result = ""
        for character in label {
            if character == "[" || character == "]" { result.append("\\") }
            result.append(character)
        }
        return result
    }

    /// A destination with spaces or parentheses goes in `<…>` so the link does not break.
    static func escapeDestination(_ url: String) -> String {
        url.contains(where: { $0 == " " || $0 == "(" || $0 == ")" }) ? "<" + url + ">" : url
    }

    // MARK: entities

    /// Decodes the entity at `position` (or copies the `&`) and returns the next index.
    mutating func emitEntity(at position: Int) -> Int {
        guard let (decoded, length) = entity(at: position) else {
            appendAmpersand(followedBy: position + 1)
            return position + 1
        }
        if decoded == amp {
            appendAmpersand(followedBy: position + length)
        } else {
            out.append(decoded)
        }
        return position + length
    }

    /// A literal `&` that CommonMark would read as the start of an entity is written as `&amp;`.
    mutating func appendAmpersand(followedBy next: Int) {
        var position = next
        while position < source.count, position - next < 32 {
            let byte = source[position]
            let isNameByte = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == hash
            if !isNameByte { break }
            position += 1
        }
        if position > next, position < source.count, source[position] == UInt8(ascii: ";") {
            out.append(contentsOf: Array("&amp;".utf8))
        } else {
            out.append(amp)
        }
    }

    func entity(at position: Int) -> (UInt8, Int)? {
        if startsWith("&amp;", at: position) { return (amp, 5) }
        if startsWith("&lt;", at: position) { return (lt, 4) }
        if startsWith("&gt;", at: position) { return (gt, 4) }
        return nil
    }

    func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingEntities()
    }

    // MARK: emphasis

    /// `*x*` → `**x**`, `~x~` → `~~x~~` when the pair is well formed on one line; else copied.
    mutating func emitEmphasisDelimiter(_ delimiter: UInt8) {
        if let pending = pendingClosers.firstIndex(of: index) {
            pendingClosers.remove(at: pending)
            out.append(delimiter)
            out.append(delimiter)
            index += 1
            return
        }
        if isOpener(at: index), let close = closer(for: delimiter, after: index) {
            pendingClosers.append(close)
            out.append(delimiter)
            out.append(delimiter)
        } else {
            out.append(delimiter)
        }
        index += 1
    }

    func isOpener(at position: Int) -> Bool {
        let delimiter = source[position]
        if position > 0 {
            let before = source[position - 1]
            if Self.isWordByte(before) || before == delimiter { return false }
        }
        guard position + 1 < source.count else { return false }
        let after = source[position + 1]
        return !Self.isSpace(after) && after != delimiter
    }

    /// The matching closer on the same line, skipping over `<…>` tokens; stops at code and line ends.
    func closer(for delimiter: UInt8, after open: Int) -> Int? {
        var position = open + 1
        while position < source.count {
            let byte = source[position]
            switch byte {
            case newline: return nil
            case backtick:
                // Emphasis may wrap inline code (`*see `x`*`), never a fence.
                if startsWith("```", at: position) { return nil }
                var end = position + 1
                while end < source.count, source[end] != backtick, source[end] != newline { end += 1 }
                guard end < source.count, source[end] == backtick else { return nil }
                position = end + 1
                continue
            case lt:
                if let end = tokenEnd(from: position) { position = end + 1; continue }
            case delimiter:
                let before = source[position - 1]
                let afterOK = position + 1 >= source.count || !Self.isWordByte(source[position + 1])
                    && source[position + 1] != delimiter
                if position > open + 1, !Self.isSpace(before), afterOK { return position }
            default: break
            }
            position += 1
        }
        return nil
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == space || byte == newline || byte == 0x09 || byte == 0x0D }

    /// Letters, digits and any non-ASCII byte (letters of other scripts) count as word characters.
    static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte >= 0x80
    }

    // MARK: helpers

    func startsWith(_ literal: StaticString, at position: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= source.count else { return false }
        return literal.withUTF8Buffer { buffer in
            for offset in 0..<count where source[position + offset] != buffer[offset] { return false }
            return true
        }
    }

    mutating func append(_ text: String) {
        out.append(contentsOf: text.utf8)
    }
}

extension String {
    /// Decodes Slack's three entities (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    func replacingEntities() -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        var rest = Substring(self)
        while let ampIndex = rest.firstIndex(of: "&") {
            result += rest[..<ampIndex]
            let tail = rest[ampIndex...]
            if tail.hasPrefix("&amp;") { result += "&"; rest = tail.dropFirst(5) }
            else if tail.hasPrefix("&lt;") { result += "<"; rest = tail.dropFirst(4) }
            else if tail.hasPrefix("&gt;") { result += ">"; rest = tail.dropFirst(4) }
            else { result += "&"; rest = tail.dropFirst() }
        }
        result += rest
        return result
    }
}
