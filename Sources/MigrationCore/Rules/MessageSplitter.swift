/// Splits a message longer than Mattermost's limit into parts that each fit, breaking at the last
/// newline, else the last space, before the limit, and only mid-word when a word is longer than
/// the limit. Concatenating the parts gives back the original text.
public enum MessageSplitter {
    /// Whether `text` is one post as it is (no more than `maxRunes` Unicode scalars).
    public static func fits(_ text: String, maxRunes: Int) -> Bool {
        // No more bytes than the limit means no more scalars either.
        text.utf8.count <= maxRunes || text.unicodeScalars.count <= maxRunes
    }

    public static func split(_ text: String, maxRunes: Int) -> [String] {
        if fits(text, maxRunes: maxRunes) { return [text] }
        let scalars = Array(text.unicodeScalars)
        var parts: [String] = []
        var start = 0
        while scalars.count - start > maxRunes {
            let hardEnd = start + maxRunes
            var cut = hardEnd
            // Prefer the last newline in the second half of the window, then the last space.
            let floor = start + maxRunes / 2
            if let newline = (floor..<hardEnd).last(where: { scalars[$0] == "\n" }) {
                cut = newline + 1
            } else if let space = (floor..<hardEnd).last(where: { scalars[$0] == " " }) {
                cut = space + 1
            }
            parts.append(String(String.UnicodeScalarView(scalars[start..<cut])))
            start = cut
        }
        parts.append(String(String.UnicodeScalarView(scalars[start...])))
        return parts
    }
}
