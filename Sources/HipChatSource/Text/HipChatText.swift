import SourceToolkit

/// HipChat's plain-text conventions to Mattermost Markdown: `/code` and `/quote` bodies become a fenced
/// block and a quote, `/me` becomes a `me` post, `@mention_name` becomes the final Mattermost username
/// (`@here` and `@all` stay), and `(shortcut)` becomes `:name:` for custom emoticons that have an image.
struct HipChatText {
    /// Lower-cased mention name → source user id.
    let mentionIDs: [String: String]
    /// Emoticon shortcut → Mattermost emoji name, for emoticons whose image is in the export.
    let emoji: [String: String]
    let names: StagingNameResolver

    struct Converted {
        var text: String
        var postType: String?
    }

    func convert(_ raw: String, isHTML: Bool) -> Converted {
        if isHTML { return Converted(text: inline(HTMLToMarkdown.convert(raw).text)) }
        if let body = command("/code", in: raw) {
            return Converted(text: "```\n" + body + (body.hasSuffix("\n") ? "" : "\n") + "```")
        }
        if let body = command("/quote", in: raw) {
            return Converted(text: body.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + inline(String($0)) }.joined(separator: "\n"))
        }
        if let body = command("/me", in: raw) {
            return Converted(text: "*" + inline(body) + "*", postType: "me")
        }
        return Converted(text: inline(raw))
    }

    /// The body after a leading slash command (`/code x`, `/code\nx`), or nil.
    private func command(_ name: String, in raw: String) -> String? {
        // One byte first: `hasPrefix` compares by Characters, and most messages are no command.
        guard raw.utf8.first == UInt8(ascii: "/"), raw.hasPrefix(name) else { return nil }
        let rest = raw.dropFirst(name.count)
        guard let first = rest.first else { return "" }
        guard first == " " || first == "\n" else { return nil }
        return String(rest.dropFirst())
    }

    /// Mentions and emoticons in running text. Only the `@` and `(` found by a byte scan are looked
    /// at as characters; the text between them is copied whole. Walking every character (grapheme
    /// breaking) was a tenth of the main thread of a 1 M-message conversion.
    func inline(_ text: String) -> String {
        let emoticons = !emoji.isEmpty
        var bytes = text
        let offsets = bytes.withUTF8 { utf8 in
            utf8.indices.filter { utf8[$0] == UInt8(ascii: "@") || (emoticons && utf8[$0] == UInt8(ascii: "(")) }
        }
        guard !offsets.isEmpty else { return text }
        var output: String?
        var copiedUpTo = text.startIndex
        for offset in offsets {
            let byteIndex = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
            guard byteIndex >= copiedUpTo, let index = byteIndex.samePosition(in: text) else { continue }
            var replacement: (text: String, end: String.Index)?
            if text[index] == "@" {
                if index == text.startIndex || !isHandleCharacter(text[text.index(before: index)]),
                   let (id, end) = mention(in: text, after: index) {
                    replacement = ("@" + names.username(forUserID: id), end)
                }
            } else if text[index] == "(", let close = text[index...].prefix(52).firstIndex(of: ")"),
                      let name = emoji[String(text[text.index(after: index)..<close])] {
                replacement = (":\(name):", text.index(after: close))
            }
            guard let replacement else { continue }
            if output == nil { output = String(); output!.reserveCapacity(text.utf8.count) }
            output! += text[copiedUpTo..<index]
            output! += replacement.text
            copiedUpTo = replacement.end
        }
        guard var output else { return text }
        output += text[copiedUpTo...]
        return output
    }

    /// The user mentioned by the handle after the `@` at `at`, and where the handle ends. Trailing
    /// `.`, `-`, `_` are dropped until the handle is known ("thanks @bob." ends a sentence).
    private func mention(in text: String, after at: String.Index) -> (id: String, end: String.Index)? {
        let start = text.index(after: at)
        if let found = asciiMention(in: text, from: start) { return found }
        var end = text[start...].firstIndex { !isHandleCharacter($0) } ?? text.endIndex
        while end > start {
            if let id = mentionIDs[text[start..<end].lowercased()] { return (id, end) }
            let last = text[text.index(before: end)]
            guard last == "." || last == "-" || last == "_" else { return nil }
            end = text.index(before: end)
        }
        return nil
    }

    /// `mention(in:after:)` decided on bytes when the handle is ASCII and an ASCII byte (or the end)
    /// follows it, so no Character is walked and no Substring lower-cased; `nil` when a non-ASCII byte
    /// follows, which may continue the handle (a letter, or a mark joining the last one).
    private func asciiMention(in text: String, from start: String.Index) -> (id: String, end: String.Index)?? {
        let utf8 = text.utf8
        var handle: [UInt8] = []
        var index = start
        while index < utf8.endIndex {
            var byte = utf8[index]
            if byte >= 0x80 { return nil }
            if (0x41...0x5A).contains(byte) { byte += 0x20 }
            guard (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "_")
                    || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") else { break }
            handle.append(byte)
            index = utf8.index(after: index)
        }
        while let last = handle.last {
            if let id = mentionIDs[String(decoding: handle, as: UTF8.self)] {
                return .some((id, utf8.index(start, offsetBy: handle.count)))
            }
            guard last == UInt8(ascii: ".") || last == UInt8(ascii: "-") || last == UInt8(ascii: "_") else { break }
            handle.removeLast()
        }
        return .some(nil)
    }

    private func isHandleCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "." || character == "-"
    }
}
