/// Converts a small, possibly malformed HTML/XHTML fragment (a chat message as IM clients log it, the HTML
/// body of an integration post) to Mattermost Markdown: `<br>` → newline, paragraphs, divs and headings →
/// blank-line-separated blocks, bold/italic/strike → `**`/`_`/`~~`, `<code>`/`<pre>` → code, list items →
/// `- `, links → `[text](url)`, images → `[image: src]`, entities decoded, every other tag dropped with its
/// text kept. Unclosed or stray tags never fail: hostile markup is normal in logs.
public enum HTMLToMarkdown {
    /// The Markdown and the `src` of every `<img>` met, in order (the caller decides what to do with them;
    /// the text holds an `[image: src]` placeholder where each was).
    public struct Result: Equatable, Sendable {
        public var text: String
        public var images: [String]
    }

    public static func convert(_ input: some StringProtocol) -> Result {
        let html = Substring(input)
        var out = ""
        var images: [String] = []
        var link: (href: String, start: Int)?  // start: UTF-8 offset into `out`
        var skipDepth = 0  // inside <head>, <style>, <script>, <title>: text is not message content
        var inPre = false
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = Tag(html[html.index(after: index)..<close])
                index = html.index(after: close)
                if ["head", "style", "script", "title"].contains(tag.name) {
                    skipDepth = max(0, skipDepth + (tag.isClosing ? -1 : 1))
                    continue
                }
                guard skipDepth == 0 else { continue }
                switch (tag.name, tag.isClosing) {
                case ("br", _): out += "\n"
                case ("b", _), ("strong", _): out += "**"
                case ("i", _), ("em", _): out += "_"
                case ("s", _), ("strike", _), ("del", _): out += "~~"
                case ("p", _), ("div", _), ("h1", _), ("h2", _), ("h3", _), ("h4", _), ("h5", _), ("h6", _): out += "\n\n"
                case ("code", _): if !inPre { out += "`" }
                case ("pre", let closing):
                    inPre = !closing
                    out += "\n```\n"
                case ("li", false): out += "\n- "
                case ("a", false):
                    if let href = tag.attribute("href") { link = (decodeEntities(href), out.utf8.count) }
                case ("a", true):
                    if let open = link {
                        let start = out.utf8.index(out.startIndex, offsetBy: open.start)
                        let text = String(out[start...])
                        out.removeSubrange(start...)
                        out += text.isEmpty || text == open.href || "mailto:" + text == open.href ? open.href : "[\(text)](\(open.href))"
                        link = nil
                    }
                case ("img", false):
                    let source = tag.attribute("src").map(decodeEntities) ?? ""
                    images.append(source)
                    out += "[image: \(source)]"
                default: break
                }
                continue
            }
            if skipDepth == 0 {
                if character == "&", let end = html[index...].prefix(12).firstIndex(of: ";"),
                   let decoded = entity(html[html.index(after: index)..<end]) {
                    out += decoded
                    index = html.index(after: end)
                    continue
                }
                out.append(character)
            }
            index = html.index(after: index)
        }
        return Result(text: collapsingBlankLines(out), images: images)
    }

    /// Decodes `&amp;`, `&lt;`, `&#233;`, `&#xE9;` and the other common named entities; unknown ones stay.
    public static func decodeEntities(_ text: some StringProtocol) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "&", let end = text[index...].prefix(12).firstIndex(of: ";"),
               let decoded = entity(text[text.index(after: index)..<end]) {
                out += decoded
                index = text.index(after: end)
            } else {
                out.append(text[index])
                index = text.index(after: index)
            }
        }
        return out
    }

    private static let named: [Substring: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "copy": "©", "reg": "®",
        "hellip": "…", "mdash": "—", "ndash": "–", "laquo": "«", "raquo": "»", "euro": "€",
    ]

    private static func entity(_ name: some StringProtocol) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return named[Substring(name)]
    }

    /// At most one blank line in a row; whitespace and blank lines at the ends go; inner newlines stay.
    private static func collapsingBlankLines(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if blank && (lines.last?.isEmpty ?? true) { continue }
            lines.append(blank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var joined = lines.joined(separator: "\n")
        while let first = joined.first, first == " " || first == "\t" { joined.removeFirst() }
        while let last = joined.last, last == " " || last == "\t" { joined.removeLast() }
        return joined
    }

    /// One tag's name (lower case), whether it closes, and its raw attribute text.
    private struct Tag {
        var name: String
        var isClosing: Bool
        var attributes: Substring

        init(_ raw: Substring) {
            var body = raw.drop { $0 == " " }
            isClosing = body.first == "/"
            if isClosing { body = body.dropFirst() }
            let nameEnd = body.firstIndex { $0 == " " || $0 == "/" || $0 == "\t" || $0 == "\n" } ?? body.endIndex
            name = body[..<nameEnd].lowercased()
            attributes = body[nameEnd...]
        }

        /// The value of attribute `name` (quoted with `'` or `"`, or bare), case-insensitive.
        func attribute(_ wanted: String) -> String? {
            var rest = attributes
            while let equals = rest.firstIndex(of: "=") {
                let key = rest[..<equals].split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).last?.lowercased()
                var after = rest[rest.index(after: equals)...].drop { $0 == " " }
                let value: Substring
                if let quote = after.first, quote == "\"" || quote == "'" {
                    after = after.dropFirst()
                    let end = after.firstIndex(of: quote) ?? after.endIndex
                    value = after[..<end]
                    rest = end < after.endIndex ? after[after.index(after: end)...] : after[end...]
                } else {
                    let end = after.firstIndex { $0 == " " || $0 == "/" } ?? after.endIndex
                    value = after[..<end]
                    rest = after[end...]
                }
                if key == wanted { return String(value) }
            }
            return nil
        }
    }
}
