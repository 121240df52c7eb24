import Foundation
import SourceToolkit

/// One line of an HTML log (`purple_html_logger`), one record per line ending in `<br/>`:
///
///     <font color="#16569E"><font size="2">(10:32:05 AM)</font> <b>alice:</b></font> hi<br/>     SEND
///     <font color="#A82F2F"><font size="2">(…)</font> <b>bob:</b></font> hi<br/>                   RECV
///     <font color="#062585"><font size="2">(…)</font> <b>***alice</b></font> waves<br/>           /me
///     <font color="#6C2585"><font size="2">(…)</font><b> bob:</b></font> psst<br/>                WHISPER
///     <font color="#FF0000"><font size="2">(…)</font><b> Unable to send</b></font><br/>           ERROR
///     <font size="2">(…)</font><b> bob has signed off.</b><br/>                                    SYSTEM
///     <font size="2">(…)</font> text<br/>                                                          RAW
///     ---- text @ 10:32:05 ----<br/>                                                               system log
///
/// Gaim-era logs omit `<font size="2">` and use upper-case tags; forks colour nicks differently.
enum PidginHTMLLine {
    static let sendColor = "#16569e", receiveColor = "#a82f2f", actionColor = "#062585"
    static let whisperColor = "#6c2585", errorColor = "#ff0000"

    /// The record on `line`, or `nil` if the line is none of the shapes above (an unknown line).
    static func parse(_ line: String, number: Int, offset: Int) -> PidginRecord? {
        var rest = Substring(line).trimmingWhitespace
        for ending in ["<br/>", "<br>", "<br />"] where rest.lowercased().hasSuffix(ending) {
            rest = rest.dropLast(ending.count)
            break
        }
        if let record = systemLogLine(rest, number: number, offset: offset) { return record }
        var color: String?
        if rest.hasPrefixIgnoringCase("<font color="), let close = rest.firstIndex(of: ">") {
            color = rest[rest.index(rest.startIndex, offsetBy: 12)..<close].trimmingCharacters(in: ["\"", "'", " "]).lowercased()
            rest = rest[rest.index(after: close)...]
        }
        if rest.hasPrefixIgnoringCase("<font size="), let close = rest.firstIndex(of: ">") {
            rest = rest[rest.index(after: close)...]
        }
        guard rest.first == "(", let closeParen = rest.firstIndex(of: ")"),
              let stamp = PidginStamp.parse(rest[rest.index(after: rest.startIndex)..<closeParen]) else { return nil }
        rest = rest[rest.index(after: closeParen)...]
        if rest.hasPrefixIgnoringCase("</font>") { rest = rest.dropFirst(7) }
        rest = rest.drop { $0 == " " }
        var record = PidginRecord(kind: .raw, sender: nil, text: "", stamp: stamp, line: number, offset: offset)
        guard rest.hasPrefixIgnoringCase("<b>") else {
            guard color == nil else { return nil }
            let body = HTMLToMarkdown.convert(rest)
            (record.text, record.images) = (body.text, body.images)
            return record
        }
        rest = rest.dropFirst(3)
        guard let boldEnd = rest.range(of: "</b>", options: .caseInsensitive) else { return nil }
        let bold = HTMLToMarkdown.convert(rest[..<boldEnd.lowerBound]).text
        var message = rest[boldEnd.upperBound...]
        while message.hasPrefixIgnoringCase("</font>") { message = message.dropFirst(7) }
        let body = HTMLToMarkdown.convert(message)
        (record.text, record.images) = (body.text, body.images)
        switch color {
        case nil:
            record.kind = .system
            record.text = join(bold, record.text)
        case .some(errorColor):
            record.kind = .error
            record.text = join(bold, record.text)
        case let color?:
            record.direction = color == sendColor ? .sent : color == receiveColor ? .received : nil
            if bold.hasPrefix("***") {
                record.kind = .action
                record.sender = String(bold.dropFirst(3))
            } else if bold.hasSuffix(":") {
                var name = String(bold.dropLast())
                // `name <AUTO-REPLY>:` (the marker is translated, so any trailing `<…>`).
                if name.hasSuffix(">"), let open = name.range(of: " <", options: .backwards) {
                    name = String(name[..<open.lowerBound])
                    record.kind = .autoReply
                } else {
                    record.kind = color == whisperColor ? .whisper : .message
                }
                record.sender = name
            } else {
                record.kind = .system  // a coloured notice without a sender
                record.text = join(bold, record.text)
            }
        }
        return record
    }

    /// `---- text @ time ----` of an account's system log.
    static func systemLogLine(_ line: Substring, number: Int, offset: Int) -> PidginRecord? {
        guard line.hasPrefix("---- "), line.hasSuffix(" ----"), let at = line.range(of: " @ ", options: .backwards),
              let stamp = PidginStamp.parse(line[at.upperBound..<line.index(line.endIndex, offsetBy: -5)]) else { return nil }
        let text = HTMLToMarkdown.convert(line[line.index(line.startIndex, offsetBy: 5)..<at.lowerBound]).text
        return PidginRecord(kind: .systemLog, text: text, stamp: stamp, line: number, offset: offset)
    }

    private static func join(_ a: String, _ b: String) -> String { b.isEmpty ? a : a.isEmpty ? b : a + " " + b }
}

extension Substring {
    var trimmingWhitespace: Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map { index(after: $0) } ?? start
        return self[start..<Swift.max(start, end)]
    }

    func hasPrefixIgnoringCase(_ prefix: String) -> Bool {
        count >= prefix.count && self.prefix(prefix.count).lowercased() == prefix
    }
}
