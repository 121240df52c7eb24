extension StringProtocol {
    /// The text without leading and trailing white space and newlines. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString, which costs more than the rest of a row's
    /// work in per-row code; this stays in the standard library.
    /// Inlinable, so callers get it specialised for their string type (generic, it cost more than it saved).
    @inlinable public var trimmingWhitespace: String {
        // Text that starts and ends with a visible ASCII Character has nothing to trim: most text,
        // spared a copy.
        if let first = first?.asciiValue, let last = last?.asciiValue, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return String(self)
        }
        var text = self[...].drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
