/// Mattermost's limits for bulk-import objects (spec: mattermost-bulk-import.md §2).
///
/// "Runes" are Unicode scalars (Go's `utf8.RuneCountInString`), "bytes" are UTF-8 bytes. Never compare
/// these against `String.count`, which counts grapheme clusters.
public enum MattermostLimits {
    public static let postMessageMaxRunes = 16_383
    public static let postMessageMaxRunesV1 = 4_000
    public static let postPropsMaxRunes = 800_000
    public static let maxAttachmentsPerPost = 10
    public static let maxLineBytes = 16 * 1024 * 1024

    public static let teamNameMinBytes = 2
    public static let teamNameMaxBytes = 64
    public static let teamDisplayNameMaxRunes = 64
    public static let teamDescriptionMaxBytes = 255

    public static let channelNameMinBytes = 1
    public static let channelNameMaxBytes = 64
    public static let channelDisplayNameMaxRunes = 64
    public static let channelHeaderMaxRunes = 1_024
    public static let channelPurposeMaxRunes = 250
    public static let groupMinMembers = 3
    public static let groupMaxMembers = 8

    public static let usernameMaxBytes = 64
    public static let emailMaxBytes = 128
    public static let nicknameMaxRunes = 64
    public static let firstNameMaxRunes = 64
    public static let lastNameMaxRunes = 64
    public static let positionMaxRunes = 128
    public static let authDataMaxBytes = 128
    public static let passwordMaxBytes = 72
    public static let localeMaxBytes = 5
    public static let rolesMaxBytes = 256
    public static let botDisplayNameMaxRunes = 64

    public static let emojiNameMaxBytes = 64
    public static let reactionEmojiNameMaxRunes = 64
    public static let schemeNameMaxBytes = 64
    public static let schemeDisplayNameMaxBytes = 128
    public static let schemeDescriptionMaxBytes = 1_024
    public static let roleNameMaxBytes = 64
    public static let roleDisplayNameMaxBytes = 128
    public static let roleDescriptionMaxBytes = 1_024
    public static let customStatusTextMaxRunes = 100
    public static let mentionKeysMaxCount = 500
    public static let mentionKeysMaxBytes = 50_000

    /// Folder of the zip that holds every referenced file (`model.ExportDataDir`).
    public static let dataDirectory = "data"
}

extension String {
    /// Length in Unicode scalars, the unit of Mattermost's rune limits.
    @inlinable public var runeCount: Int { unicodeScalars.count }
    /// Length in UTF-8 bytes, the unit of Mattermost's byte limits.
    @inlinable public var byteCount: Int { utf8.count }

    /// The longest prefix with at most `maxRunes` Unicode scalars.
    public func prefix(runes maxRunes: Int) -> String {
        let scalars = unicodeScalars
        guard scalars.count > maxRunes else { return self }
        return String(String.UnicodeScalarView(scalars.prefix(maxRunes)))
    }

    /// The longest prefix of whole scalars whose UTF-8 form has at most `maxBytes` bytes.
    public func prefix(bytes maxBytes: Int) -> String {
        guard utf8.count > maxBytes else { return self }
        var used = 0
        var view = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            let size = scalar.utf8.count
            if used + size > maxBytes { break }
            used += size
            view.append(scalar)
        }
        return String(view)
    }
}
