extension StringProtocol {
    /// The text without leading and trailing white space and newlines. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString, which costs more than the rest of a row's
    /// work in per-row code; this stays in the standard library.
    public var trimmingWhitespace: String {
        var text = self[...].drop(while: \.isWhitespace)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
