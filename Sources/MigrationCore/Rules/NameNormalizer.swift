import MattermostImport

/// Turns source names into names Mattermost accepts (spec §2, §18): lower case, allowed characters
/// only, non-ASCII transliterated, reserved names and team-name prefixes avoided, length limits.
/// Pure functions; uniqueness is `NameRegistry`'s job.
public enum NameNormalizer {
    /// `[a-z0-9._-]`, 1...64 bytes, not a reserved word; spaces become dots.
    public static func username(_ raw: String) -> String {
        var name = clean(raw, allowed: { isAlnum($0) || $0 == "." || $0 == "-" || $0 == "_" }, space: ".")
        name = trim(name, keep: isAlnum)
        name = String(name.prefix(MattermostLimits.usernameMaxBytes))
        name = trim(name, keep: isAlnum)
        if name.isEmpty { name = "user" }
        if NameRules.reservedUsernames.contains(name) { name += "-user" }
        return name
    }

    /// `[a-z0-9_-]`, starts with a letter or digit, 2...64 bytes, not shaped like a DM/GM name.
    public static func channelName(_ raw: String) -> String {
        var name = clean(raw, allowed: { isAlnum($0) || $0 == "-" || $0 == "_" }, space: "-")
        name = trimLeading(name, keep: isAlnum)
        name = String(name.prefix(MattermostLimits.channelNameMaxBytes))
        if name.isEmpty { name = "channel" }
        if name.utf8.count < 2 { name += "-channel" }
        if NameRules.hasDirectChannelShape(name) { name = String(name.prefix(MattermostLimits.channelNameMaxBytes - 3)) + "-ch" }
        return name
    }

    /// `[a-z0-9-]`, starts and ends with a letter or digit, 2...64 bytes, no reserved prefix.
    public static func teamName(_ raw: String) -> String {
        var name = clean(raw, allowed: { isAlnum($0) || $0 == "-" }, space: "-")
        name = trim(name, keep: isAlnum)
        if name.isEmpty { name = "team" }
        if NameRules.isReservedTeamName(name) { name = "team-" + name }
        name = trim(String(name.prefix(MattermostLimits.teamNameMaxBytes)), keep: isAlnum)
        if name.utf8.count < 2 { name = "team-" + name }
        return name
    }

    /// Appends `-N` to `base`, shortening it so the result stays within `maxBytes` and still passes
    /// the rule (no trailing separator before the suffix).
    public static func suffixed(_ base: String, _ number: Int, maxBytes: Int) -> String {
        let suffix = "-\(number)"
        var stem = String(base.prefix(maxBytes - suffix.utf8.count))
        while let last = stem.last, last == "-" || last == "_" || last == "." { stem.removeLast() }
        if stem.isEmpty { stem = "x" }
        return stem + suffix
    }

    // MARK: helpers

    private static func isAlnum(_ c: Character) -> Bool {
        guard let ascii = c.asciiValue else { return false }
        return (ascii >= 0x61 && ascii <= 0x7A) || (ascii >= 0x30 && ascii <= 0x39)
    }

    /// Transliterates, lower-cases, maps whitespace to `space` and other disallowed characters to
    /// `-`, and collapses runs of separators.
    private static func clean(_ raw: String, allowed: (Character) -> Bool, space: Character) -> String {
        let ascii = Transliteration.ascii(raw).lowercased()
        var out = ""
        var previousWasSeparator = false
        for c in ascii {
            var mapped: Character
            if allowed(c) {
                mapped = c
            } else if c == " " || c == "\t" || c == "\n" {
                mapped = space
            } else if c == "'" || c == "\"" || c == "`" {
                continue
            } else {
                mapped = "-"
            }
            if !allowed(mapped) { mapped = "-" }
            let isSeparator = !isAlnum(mapped)
            if isSeparator && previousWasSeparator && (mapped == "-" || mapped == space) { continue }
            previousWasSeparator = isSeparator
            out.append(mapped)
        }
        return out
    }

    private static func trim(_ s: String, keep: (Character) -> Bool) -> String {
        guard let first = s.firstIndex(where: keep), let last = s.lastIndex(where: keep) else { return "" }
        return String(s[first...last])
    }

    private static func trimLeading(_ s: String, keep: (Character) -> Bool) -> String {
        guard let first = s.firstIndex(where: keep) else { return "" }
        return String(s[first...])
    }
}
