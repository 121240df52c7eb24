/// A small HTML → Mattermost Markdown converter for the HTML bodies some sources send (integration and
/// bot posts): paragraphs and line breaks, bold, italic, strike, code and pre, links, list items,
/// headings; other tags are dropped with their text kept; entities are decoded. Tolerant of broken
/// markup: an unclosed tag or stray `<` is text, never an error.
public enum HTMLToMarkdown {
    public static func convert(_ html: String) -> String {
        var output = ""
        var links: [String] = []
        var inPre = false
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let close = html[index...].firstIndex(of: ">") {
                let tag = html[html.index(after: index)..<close]
                index = html.index(after: close)
                let isClosing = tag.hasPrefix("/")
                let name = tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber }.lowercased()
                switch name {
                case "br": output += "\n"
                case "p", "div": output += "\n\n"
                case "b", "strong": output += "**"
                case "i", "em": output += "_"
                case "s", "strike", "del": output += "~~"
                case "code": if !inPre { output += "`" }
                case "pre":
                    inPre = !isClosing
                    output += isClosing ? "\n```\n" : "\n```\n"
                case "li": if !isClosing { output += "\n- " }
                case "h1", "h2", "h3", "h4", "h5", "h6": output += isClosing ? "\n" : "\n### "
                case "a":
                    if isClosing {
                        output += "](\(links.popLast() ?? ""))"
                    } else {
                        links.append(attribute("href", in: tag) ?? "")
                        output += "["
                    }
                default: break
                }
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(10).firstIndex(of: ";"),
               let decoded = entity(html[html.index(after: index)..<semicolon]) {
                output += decoded
                index = html.index(after: semicolon)
                continue
            }
            output.append(character)
            index = html.index(after: index)
        }
        return collapseBlankLines(output)
    }

    private static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let range = tag.range(of: name + "=") else { return nil }
        var rest = tag[range.upperBound...]
        guard let quote = rest.first else { return nil }
        if quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            return entityDecoded(String(rest.prefix { $0 != quote }))
        }
        return entityDecoded(String(rest.prefix { !$0.isWhitespace }))
    }

    private static func entityDecoded(_ text: String) -> String {
        text.contains("&") ? convert(text) : text
    }

    private static func entity(_ name: Substring) -> String? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }

    /// At most one blank line in a row, none at the start or end.
    private static func collapseBlankLines(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let blank = line.allSatisfy(\.isWhitespace)
            if blank && (lines.isEmpty || lines.last!.allSatisfy(\.isWhitespace)) { continue }
            lines.append(blank ? "" : line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}
