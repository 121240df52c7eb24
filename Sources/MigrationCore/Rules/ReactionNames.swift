import MattermostImport

/// Maps a source's reaction emoji to a Mattermost shortcode: skin-tone variants fold into the base
/// emoji (`thumbsup::skin-tone-2` → `thumbsup`), Unicode emoji become their usual shortcode, and
/// anything else is reduced to the allowed characters `[a-zA-Z0-9+_-]`.
public enum ReactionNames {
    public struct Mapped: Equatable, Sendable {
        public var name: String
        /// Why the name differs from the source's (nil if it is the same).
        public var change: String?
    }

    public static func mattermostName(for source: String) -> Mapped? {
        var trimmed = Substring(source)
        while trimmed.hasPrefix(":") { trimmed = trimmed.dropFirst() }
        while trimmed.hasSuffix(":") { trimmed = trimmed.dropLast() }
        var base = String(trimmed)
        if let tone = base.range(of: "::skin-tone-") { base = String(base[..<tone.lowerBound]) }
        let name = base
        if name.isEmpty { return nil }
        if NameRules.isValidReactionEmojiName(name) {
            return Mapped(name: name, change: name == source ? nil : "skin tone folded into the base emoji")
        }
        let stripped = String(String.UnicodeScalarView(name.unicodeScalars.filter { !isModifier($0) }))
        if let known = unicodeShortcodes[stripped] { return Mapped(name: known, change: "Unicode emoji mapped to its shortcode") }
        // Unicode emoji without a table entry: spell its Unicode name (GRINNING FACE → grinning_face).
        let spelled = stripped.unicodeScalars.compactMap { $0.properties.name?.lowercased() }.joined(separator: "_")
        let allowed: (Character) -> Bool = { c in c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "-" || c == "+") }
        var cleaned = ""
        for c in spelled { cleaned.append(allowed(c) ? c : "_") }
        cleaned = String(cleaned.prefix(MattermostLimits.reactionEmojiNameMaxRunes))
        guard !cleaned.isEmpty, NameRules.isValidReactionEmojiName(cleaned) else { return nil }
        return Mapped(name: cleaned, change: "emoji name not allowed by Mattermost; spelled out from its Unicode name")
    }

    private static func isModifier(_ s: Unicode.Scalar) -> Bool {
        (0x1F3FB...0x1F3FF).contains(s.value) || s.value == 0xFE0F || s.value == 0xFE0E
    }

    private static let unicodeShortcodes: [String: String] = [
        "👍": "+1", "👎": "-1", "❤": "heart", "😂": "joy", "🎉": "tada", "😀": "grinning", "😃": "smiley",
        "😄": "smile", "😁": "grin", "😆": "laughing", "😅": "sweat_smile", "🙂": "slightly_smiling_face",
        "😉": "wink", "😊": "blush", "😍": "heart_eyes", "😘": "kissing_heart", "😎": "sunglasses",
        "🤔": "thinking_face", "😐": "neutral_face", "🙄": "roll_eyes", "😏": "smirk", "😢": "cry", "😭": "sob",
        "😮": "open_mouth", "😱": "scream", "😡": "rage", "😠": "angry", "🙏": "pray", "👏": "clap", "🙌": "raised_hands",
        "👋": "wave", "👌": "ok_hand", "✌": "v", "💪": "muscle", "👀": "eyes", "🔥": "fire", "✅": "white_check_mark",
        "❌": "x", "⭐": "star", "💯": "100", "🚀": "rocket", "💡": "bulb", "🎂": "birthday", "☕": "coffee",
        "🍺": "beer", "🤣": "rofl", "😇": "innocent", "🤷": "man_shrugging", "🤦": "man_facepalming",
        "😬": "grimacing", "😴": "sleeping", "🤯": "exploding_head", "🥳": "partying_face", "💔": "broken_heart",
        "✔": "heavy_check_mark", "⚠": "warning", "❓": "question", "❗": "exclamation", "👆": "point_up_2",
        "👉": "point_right", "👈": "point_left", "👇": "point_down", "🤝": "handshake", "🙈": "see_no_evil",
        "💩": "poop", "🤖": "robot", "🐛": "bug", "📌": "pushpin", "📎": "paperclip", "🔔": "bell", "🎈": "balloon",
    ]
}
