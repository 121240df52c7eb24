/// Mattermost's character rules for names, restated from spec §2. The validator checks them and the
/// migration core normalises source names until they pass, so both sides share this one definition.
public enum NameRules {
    /// Team names may not *start with* any of these (prefix match, case-insensitive).
    public static let reservedTeamNamePrefixes = [
        "admin", "api", "channel", "claim", "error", "files", "help", "landing", "login", "mfa", "oauth",
        "plug", "plugins", "post", "signup", "boards", "playbooks",
    ]
    public static let reservedUsernames: Set<String> = ["all", "channel", "matterbot", "system"]

    @inline(__always) static func isLowerAlnum(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    /// `^[a-z0-9]+([a-z\-0-9]+|(__)?)[a-z0-9]+$`, length 2...64 bytes (applied to the lower-cased value).
    public static func isValidTeamName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard b.count >= MattermostLimits.teamNameMinBytes, b.count <= MattermostLimits.teamNameMaxBytes,
              isLowerAlnum(b.first!), isLowerAlnum(b.last!) else { return false }
        let inner = b.dropFirst().dropLast()
        if inner.allSatisfy({ isLowerAlnum($0) || $0 == 0x2D }) { return true }
        // Alternatively alnum runs joined by exactly one "__" pair.
        guard let first = inner.firstIndex(of: 0x5F) else { return false }
        let rest = b[first...]
        guard rest.count >= 2, rest[first + 1] == 0x5F else { return false }
        let before = b[..<first], after = b[(first + 2)...]
        return before.allSatisfy(isLowerAlnum) && !after.isEmpty && after.allSatisfy(isLowerAlnum)
    }

    public static func isReservedTeamName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return reservedTeamNamePrefixes.contains { lower.hasPrefix($0) }
    }

    /// `^[a-z0-9]+([a-z\-\_0-9]+|(__)?)[a-z0-9]*$` with 1...64 bytes: starts with a letter or digit; then
    /// letters, digits, `-` and `_`.
    public static func isValidChannelName(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard b.count >= MattermostLimits.channelNameMinBytes, b.count <= MattermostLimits.channelNameMaxBytes,
              isLowerAlnum(b[0]) else { return false }
        return b.allSatisfy { isLowerAlnum($0) || $0 == 0x2D || $0 == 0x5F }
    }

    /// Public/private channels may not look like a GM name (40 hex chars) or a DM name (`id__id`).
    public static func hasDirectChannelShape(_ name: String) -> Bool {
        let b = Array(name.utf8)
        let isHex = { (c: UInt8) in (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) }
        if b.count == 40 && b.allSatisfy(isHex) { return true }
        if b.count == 54 && b[26] == 0x5F && b[27] == 0x5F {
            return b[..<26].allSatisfy(isLowerAlnum) && b[28...].allSatisfy(isLowerAlnum)
        }
        return false
    }

    /// Lower-cased value: 1...64 bytes of `[a-z0-9.\-_]`, not a reserved word.
    public static func isValidUsername(_ name: String) -> Bool {
        let b = Array(name.utf8)
        guard !b.isEmpty, b.count <= MattermostLimits.usernameMaxBytes else { return false }
        guard b.allSatisfy({ isLowerAlnum($0) || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F }) else { return false }
        return !reservedUsernames.contains(name)
    }

    /// A bare address (no display name, no angle brackets) with exactly one `@`, a non-empty local part
    /// and a dotted or single-label domain of letters, digits and hyphens.
    public static func isValidEmail(_ email: String) -> Bool {
        guard email.utf8.count <= MattermostLimits.emailMaxBytes else { return false }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let local = parts[0].utf8, domain = parts[1].utf8
        let localAllowed: (UInt8) -> Bool = { c in
            guard c > 0x20, c < 0x7F else { return false }
            return !"()<>[]:;@\\,\"".utf8.contains(c)
        }
        guard local.allSatisfy(localAllowed), local.first != 0x2E, local.last != 0x2E else { return false }
        for label in parts[1].split(separator: ".", omittingEmptySubsequences: false) {
            let l = label.utf8
            guard !l.isEmpty, l.first != 0x2D, l.last != 0x2D,
                  l.allSatisfy({ isLowerAlnum($0) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D }) else { return false }
        }
        return !domain.isEmpty
    }

    /// Reaction names at save time: 1...64 of `[a-zA-Z0-9+_-]`.
    public static func isValidReactionEmojiName(_ name: String) -> Bool {
        let b = name.utf8
        guard !b.isEmpty, b.count <= MattermostLimits.emojiNameMaxBytes else { return false }
        return b.allSatisfy { isLowerAlnum($0) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2B || $0 == 0x5F || $0 == 0x2D }
    }

    /// Custom emoji names share the reaction charset (the system-name ban is checked separately).
    public static func isValidEmojiName(_ name: String) -> Bool { isValidReactionEmojiName(name) }

    /// 1...64 bytes of `[a-z0-9_]`.
    public static func isValidRoleName(_ name: String) -> Bool {
        let b = name.utf8
        return !b.isEmpty && b.count <= MattermostLimits.roleNameMaxBytes && b.allSatisfy { isLowerAlnum($0) || $0 == 0x5F }
    }

    /// Whitespace-separated role names; the string may not be exactly `system_admin`.
    public static func isValidRolesString(_ roles: String) -> Bool {
        let tokens = roles.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        if tokens.count == 1 && tokens[0] == "system_admin" { return false }
        return tokens.allSatisfy { isValidRoleName(String($0)) }
    }

    /// `^[a-z0-9_]{2,64}$`.
    public static func isValidSchemeName(_ name: String) -> Bool {
        let b = name.utf8
        return b.count >= 2 && b.count <= MattermostLimits.schemeNameMaxBytes && b.allSatisfy { isLowerAlnum($0) || $0 == 0x5F }
    }
}
