extension StringProtocol where UTF8View: BidirectionalCollection {
    /// The text without leading and trailing white space and newlines. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString, which costs more than the rest of a row's
    /// work in per-row code; this stays in the standard library.
    /// Inlinable, so callers get it specialised for their string type (generic, it cost more than it saved).
    @inlinable public var trimmingWhitespace: String {
        // Text whose first and last bytes are visible ASCII has nothing to trim: most text, spared a
        // copy. Bytes, not Characters (finding the last Character walked grapheme rules): a visible ASCII
        // scalar never joins a whitespace scalar's cluster, so the first and last Characters are then
        // not white space.
        if let first = utf8.first, let last = utf8.last, Self.isVisibleASCII(first), Self.isVisibleASCII(last) {
            return String(self)
        }
        var text = self[...].drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// Whether every Character is white space (true for empty text). A visible ASCII first byte
    /// answers at once: such a scalar begins a Character that is not white space. Asking every
    /// Character walked grapheme rules over each message.
    @inlinable public var isBlank: Bool {
        if let first = utf8.first, Self.isVisibleASCII(first) { return false }
        return allSatisfy(\.isWhitespace)
    }

    /// A visible ASCII scalar never joins a white-space scalar's Character, nor is one.
    @inlinable static func isVisibleASCII(_ byte: UInt8) -> Bool { (0x21...0x7E).contains(byte) }
}
