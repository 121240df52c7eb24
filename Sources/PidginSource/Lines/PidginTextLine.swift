import Foundation

/// One line of a TXT log (`purple_txt_logger`, markup stripped):
///
///     (10:32:05) alice: hi                   SEND / RECV (the direction is not written)
///     (10:32:05) ***alice waves              /me
///     (10:32:05) bob <AUTO-REPLY>: away      auto-reply
///     (10:32:05) *bob* psst                  WHISPER (written without a newline: the next record may follow on the same line)
///     (10:32:05) bob has signed off.         SYSTEM / ERROR / RAW (no sender)
///     ---- text @ 10:32:05 ----              system log
///
/// A line without a leading stamp continues the previous record (multi-line messages keep their raw
/// newlines). Senders may contain spaces, so names already known for the conversation help split them.
enum PidginTextLine {
    /// What a physical line is.
    enum Parsed {
        /// A record; `trailing` is text after a whisper that is really the next record (libpurple's bug).
        case record(PidginRecord, trailing: Substring?)
        /// Text that continues the previous record.
        case continuation
        /// Starts like a record (`(…)`) but its stamp is no valid time.
        case badStamp
    }

    static func parse(_ line: Substring, number: Int, offset: Int, knownNames: [String]) -> Parsed {
        if line.hasPrefix("---- "), let record = PidginHTMLLine.systemLogLine(line.trimmingWhitespace, number: number, offset: offset) {
            // TXT system logs hold no markup, but the same shape.
            return .record(record, trailing: nil)
        }
        guard line.first == "(", let close = line.prefix(48).firstIndex(of: ")") else { return .continuation }
        let inside = line[line.index(after: line.startIndex)..<close]
        guard let stamp = PidginStamp.parse(inside) else {
            // `(` + digits and colons that make no time: a damaged stamp, not prose in parentheses.
            let looksLikeStamp = inside.contains(":") && inside.allSatisfy { $0.isNumber || " :/.-APMapm".contains($0) }
            return looksLikeStamp ? .badStamp : .continuation
        }
        var rest = line[line.index(after: close)...]
        if rest.first == " " { rest = rest.dropFirst() }
        var record = PidginRecord(kind: .message, sender: nil, text: "", stamp: stamp, line: number, offset: offset)
        var trailing: Substring?
        if rest.hasPrefix("***") {
            record.kind = .action
            (record.sender, record.text) = splitSender(rest.dropFirst(3), knownNames: knownNames)
        } else if rest.hasPrefix("*"), let end = rest.dropFirst().range(of: "* ") {
            record.kind = .whisper
            record.sender = String(rest[rest.index(after: rest.startIndex)..<end.lowerBound])
            var text = rest[end.upperBound...]
            if let next = nextRecordStart(in: text) {
                trailing = text[next...]
                text = text[..<next]
            }
            record.text = String(text)
        } else if let marker = rest.range(of: " <AUTO-REPLY>: ") {
            record.kind = .autoReply
            record.sender = String(rest[..<marker.lowerBound])
            record.text = String(rest[marker.upperBound...])
        } else if let colon = rest.range(of: ": "), isSender(rest[..<colon.lowerBound], whole: rest, knownNames: knownNames) {
            record.sender = String(rest[..<colon.lowerBound])
            record.text = String(rest[colon.upperBound...])
        } else if rest.hasSuffix(":"), knownNames.contains(String(rest.dropLast())) {
            record.sender = String(rest.dropLast())  // a message whose first line is empty
        } else {
            record.kind = .system
            record.text = String(rest)
        }
        return .record(record, trailing: trailing)
    }

    /// Whether `candidate` (the text before the first `: `) is a sender rather than part of a notice such
    /// as `The topic is: …`: a known name always is; a phrase of a client notice never is.
    private static func isSender(_ candidate: Substring, whole: Substring, knownNames: [String]) -> Bool {
        if knownNames.contains(String(candidate)) { return true }
        if candidate.isEmpty || candidate.count > 64 { return false }
        return !PidginSystemPhrases.matches(whole)
    }

    /// `name text` of a `/me` line: the longest known name followed by a space, else the first word.
    private static func splitSender(_ text: Substring, knownNames: [String]) -> (String, String) {
        let known = knownNames.filter { text.hasPrefix($0 + " ") || text == $0 }.max { $0.count < $1.count }
        if let known { return (known, String(text.dropFirst(known.count).drop { $0 == " " })) }
        let space = text.firstIndex(of: " ") ?? text.endIndex
        return (String(text[..<space]), String(text[space...].drop { $0 == " " }))
    }

    /// Where a stamped record starts inside `text` (`…psst(10:32:06) bob: hi`), if anywhere.
    private static func nextRecordStart(in text: Substring) -> Substring.Index? {
        var search = text[...]
        while let open = search.firstIndex(of: "(") {
            let candidate = text[open...]
            if let close = candidate.prefix(48).firstIndex(of: ")"),
               PidginStamp.parse(candidate[candidate.index(after: open)..<close]) != nil {
                return open
            }
            search = text[text.index(after: open)...]
        }
        return nil
    }
}

/// English texts of libpurple's status and room notices, to tell `The topic is: x` (a notice) from
/// `alice: x` (a message) in TXT logs, where no colour says which is which. Localised notices without
/// `: ` are told apart anyway (no `: `, no sender).
enum PidginSystemPhrases {
    static let phrases = [
        " has signed on.", " has signed off.", " has gone away.", " is no longer away.", " has become idle.",
        " is no longer idle.", " logged in.", " logged out.", " entered the room.", " left the room", " is now known as ",
        "The topic is: ", "The topic for ", " has changed the topic to: ", " has set the topic to: ", " has cleared the topic.",
        "Unable to send message", "A message may not have been sent", "Message could not be sent",
        "Attempting to start a private conversation", "Private conversation with ", "Unverified conversation with ",
        "Successfully refreshed the private conversation", "has ended his/her private conversation",
        " is now known as", "You are now known as ", "Unable to connect", "You have been kicked",
    ]

    static func matches(_ text: some StringProtocol) -> Bool {
        phrases.contains { text.contains($0) }
    }
}
