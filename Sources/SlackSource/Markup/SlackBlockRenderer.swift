import SourceToolkit
import Foundation

/// Renders Block Kit blocks (`rich_text` and the common layout blocks) as Mattermost markdown. Used for
/// messages whose `text` is empty but whose blocks carry the content.
public struct SlackBlockRenderer {
    public let resolver: any NameResolver
    let markup: SlackMarkupConverter

    public init(resolver: any NameResolver) {
        self.resolver = resolver
        markup = SlackMarkupConverter(resolver: resolver)
    }

    public func render(_ blocks: [SlackBlock]) -> String {
        var parts: [String] = []
        for block in blocks {
            let text = renderBlock(block)
            if !text.isEmpty { parts.append(text) }
        }
        return parts.joined(separator: "\n")
    }

    func renderBlock(_ block: SlackBlock) -> String {
        switch block.type {
        case "rich_text":
            var lines: [String] = []
            var counters: [Int: Int] = [:]
            for element in block.elements {
                if element.type == "rich_text_list" {
                    lines.append(renderList(element, counters: &counters))
                } else {
                    counters = [:]
                    let text = renderRichElement(element)
                    if !text.isEmpty { lines.append(text) }
                }
            }
            return lines.joined(separator: "\n").trimmingTrailingNewlines()
        case "section":
            var parts: [String] = []
            if let text = block.text { parts.append(block.textIsMarkup ? markup.convert(text) : text) }
            for field in block.fields {
                if let text = field.text { parts.append(field.type == "mrkdwn" ? markup.convert(text) : text) }
            }
            return parts.joined(separator: "\n")
        case "header":
            return block.text.map { "### " + $0 } ?? ""
        case "divider":
            return "---"
        case "context":
            return block.elements.compactMap { element in
                element.text.map { element.type == "mrkdwn" ? markup.convert($0) : $0 }
            }.joined(separator: " ")
        case "image":
            return block.url.map { "![](\($0))" } ?? ""
        default:
            // Unknown block types: whatever text they carry.
            if let text = block.text { return text }
            return block.elements.map(renderRichElement).joined()
        }
    }

    func renderRichElement(_ element: SlackBlock) -> String {
        switch element.type {
        case "rich_text_section":
            return renderInline(element.elements)
        case "rich_text_preformatted":
            var body = renderInline(element.elements, inCode: true)
            if body.hasSuffix("\n") { body.removeLast() }
            return "```\n" + body + "\n```"
        case "rich_text_quote":
            return renderInline(element.elements).split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + $0 }.joined(separator: "\n")
        case "rich_text_list":
            var counters: [Int: Int] = [:]
            return renderList(element, counters: &counters)
        default:
            if let text = element.text { return text }
            return renderInline(element.elements)
        }
    }

    /// Numbering continues across consecutive ordered lists at the same indent (Slack's `offset`).
    func renderList(_ list: SlackBlock, counters: inout [Int: Int]) -> String {
        let indent = String(repeating: "    ", count: max(0, list.indent))
        let ordered = list.listStyle == "ordered"
        var number = list.offset
        for key in counters.keys where key > list.indent { counters[key] = nil }
        var lines: [String] = []
        for item in list.elements {
            number += 1
            let marker = ordered ? "\(number). " : "- "
            lines.append(indent + marker + renderRichElement(item).replacingOccurrences(of: "\n", with: "\n" + indent + "   "))
        }
        counters[list.indent] = number
        return lines.joined(separator: "\n")
    }

    func renderInline(_ elements: [SlackBlock], inCode: Bool = false) -> String {
        // Neighbours with the same bold/italic/strike are wrapped once (`**a `b`**`, not `**a****`b`**`).
        var result = ""
        var run = ""
        var runStyle: SlackBlock.Style?
        func flush() {
            if let style = runStyle, !run.isEmpty { result += applyStyle(style, to: run) } else { result += run }
            run = ""
        }
        for element in elements {
            var piece = renderElement(element, inCode: inCode)
            var style = inCode ? nil : element.style
            if let code = style?.code, code, !piece.isEmpty {
                piece = "`" + piece + "`"
                style?.code = false
            }
            if let current = style, !(current.bold || current.italic || current.strike) { style = nil }
            if !sameEmphasis(style, runStyle) {
                flush()
                runStyle = style
            }
            run += piece
        }
        flush()
        return result
    }

    func sameEmphasis(_ a: SlackBlock.Style?, _ b: SlackBlock.Style?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case let (a?, b?): return a.bold == b.bold && a.italic == b.italic && a.strike == b.strike
        default: return false
        }
    }

    func renderElement(_ element: SlackBlock, inCode: Bool) -> String {
        switch element.type {
        case "text":
            return element.text ?? ""
        case "link":
            let url = element.url ?? ""
            let label = element.text ?? ""
            return inCode || label.isEmpty || label == url ? (label.isEmpty ? url : label)
                : "[" + label.replacingOccurrences(of: "]", with: "\\]") + "](" + url + ")"
        case "user":
            return "@" + resolver.username(forUserID: element.userID ?? "")
        case "channel":
            let id = element.channelID ?? ""
            return resolver.channelName(forChannelID: id).map { "~" + $0 } ?? "#" + id
        case "usergroup":
            return "@" + (element.usergroupID ?? "group")
        case "broadcast":
            return element.range == "everyone" ? "@all" : "@" + (element.range ?? "here")
        case "emoji":
            return ":" + (element.name ?? "") + ":"
        case "date":
            return element.fallback ?? element.text ?? ""
        default:
            return element.text ?? ""
        }
    }

    /// Wraps the non-space core of `text` so markers touch the text (`** x**` is not bold in markdown).
    func applyStyle(_ style: SlackBlock.Style, to text: String) -> String {
        let core = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !core.isEmpty else { return text }
        var open = "", close = ""
        if style.bold { open += "**"; close = "**" + close }
        if style.italic { open += "_"; close = "_" + close }
        if style.strike { open += "~~"; close = "~~" + close }
        let leading = text.prefix { $0.isWhitespace }
        let trailing = String(text.reversed().prefix { $0.isWhitespace }.reversed())
        return leading + open + core + close + trailing
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var result = self
        while result.hasSuffix("\n") { result.removeLast() }
        return result
    }

}
