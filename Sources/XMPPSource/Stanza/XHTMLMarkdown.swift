import SourceToolkit

/// Turns the XHTML-IM subset (XEP-0071: `p`, `br`, `strong`/`b`, `em`/`i`/`cite`, `code`, `pre`,
/// `blockquote`, `a`, `img`, `ul`/`ol`/`li`, `span` with bold/italic/line-through styles) into
/// Mattermost Markdown, fed element by element. Unknown elements keep their text.
final class XHTMLMarkdown {
    private var out = ""
    /// The closing marker of each open element ("" when it adds none).
    private var closers: [String] = []
    /// Where each open blockquote began in `out`, to prefix its lines with `> ` at its end.
    private var quotes: [String.Index] = []
    private var links: [String] = []
    private var preDepth = 0
    private var listDepth = 0

    var markdown: String {
        out.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix(" ") && !$0.hasSuffix("  ") ? String($0.dropLast()) : String($0) }
            .joined(separator: "\n")
            .trimmingWhitespace  // not Foundation's trimmingCharacters(in:): bridging cost 30 k instructions a message
    }

    func start(_ name: String, attributes: StanzaAttributes) {
        let style = attributes["style"]?.lowercased().replacingOccurrences(of: " ", with: "") ?? ""
        var closer = ""
        switch name.lowercased() {
        case "br": out += "\n"
        case "p", "div": paragraph()
        case "strong", "b": out += "**"; closer = "**"
        case "em", "i", "cite": out += "_"; closer = "_"
        case "s", "del", "strike": out += "~~"; closer = "~~"
        case "code" where preDepth == 0: out += "`"; closer = "`"
        case "pre": paragraph(); out += "```\n"; closer = "\n```"; preDepth += 1
        case "blockquote": paragraph(); quotes.append(out.endIndex); closer = "\u{0}quote"
        case "a": out += "["; links.append(attributes["href"] ?? ""); closer = "\u{0}link"
        case "img":
            let source = attributes["src"] ?? ""
            if !source.isEmpty { out += "![\(attributes["alt"] ?? "image")](\(source))" }
        case "ul", "ol": lineBreak(); listDepth += 1; closer = "\u{0}list"
        case "li": lineBreak(); out += String(repeating: "  ", count: max(listDepth - 1, 0)) + "- "
        case "span":
            if style.contains("font-weight:bold") { out += "**"; closer += "**" }
            if style.contains("font-style:italic") { out += "_"; closer = "_" + closer }
            if style.contains("text-decoration:line-through") { out += "~~"; closer = "~~" + closer }
        default: break
        }
        closers.append(closer)
    }

    func end(_ name: String) {
        guard let closer = closers.popLast() else { return }
        switch closer {
        case "\u{0}link":
            let href = links.popLast() ?? ""
            out += href.isEmpty ? "]" : "](\(href))"
        case "\u{0}quote":
            guard let start = quotes.popLast() else { return }
            let quoted = out[start...].trimmingWhitespace
                .split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
            out.replaceSubrange(start..., with: quoted)
            paragraph()
        case "\u{0}list": listDepth -= 1; lineBreak()
        default:
            out += closer
            if name.lowercased() == "pre" { preDepth -= 1; paragraph() }
            if name.lowercased() == "p" || name.lowercased() == "div" { paragraph() }
        }
    }

    func text(_ string: String) {
        guard preDepth == 0 else { out += string; return }
        // HTML collapses runs of white space into one space.
        var collapsed = ""
        var lastWasSpace = out.last.map { $0 == " " || $0 == "\n" } ?? true
        for char in string {
            if char.isWhitespace {
                if !lastWasSpace { collapsed.append(" ") }
                lastWasSpace = true
            } else {
                collapsed.append(char)
                lastWasSpace = false
            }
        }
        out += collapsed
    }

    private func lineBreak() {
        if let last = out.last, last != "\n" { out += "\n" }
    }

    private func paragraph() {
        guard !out.isEmpty else { return }
        while out.last == " " { out.removeLast() }
        if !out.hasSuffix("\n\n") { out += out.hasSuffix("\n") ? "\n" : "\n\n" }
    }
}
