/// Spec §9 (bots) and §10 (custom emoji).
extension LineChecker {
    func checkBot(_ bot: JSONObject, line: Int) {
        counts.bots += 1
        let passed = validate(line: line) { () throws(RuleFailure) in
            try checkProfileImage(bot)
            try Self.validateBot(bot)
        }
        if passed, let owner = bot.string("owner"), !isKnownUser(owner.lowercasedName) {
            log.warning(ImportErrorID.botOwnerNotFound, line: line,
                        "bot owner \"\(owner)\" is not a user defined on an earlier line; Mattermost will treat it as a plugin id (an owner that already exists on the server goes in --users-exist)")
        }
        if let username = bot.string("username") { registerUsername(username.lowercasedName, line: line) }
    }

    static func validateBot(_ bot: JSONObject) throws(RuleFailure) {
        guard let username = bot.string("username") else {
            throw RuleFailure(id: ImportErrorID.user("username_missing"), message: "bot username is required")
        }
        try require(NameRules.isValidUsername(username.lowercasedName), ImportErrorID.user("username_invalid"),
                    "bot username \"\(username)\" must be 1–64 characters of a–z, 0–9, ., - and _")
        try require((bot.string("display_name") ?? "").runeCount <= MattermostLimits.botDisplayNameMaxRunes,
                    ImportErrorID.user("first_name_length"), "bot display_name is longer than 64 characters")
        guard let owner = bot.string("owner") else {
            throw RuleFailure(id: ImportErrorID.bot("owner_missing"), message: "bot owner is required")
        }
        try require(NameRules.isValidUsername(owner), ImportErrorID.user("username_invalid"),
                    "bot owner \"\(owner)\" is not a valid username (owners are not lower-cased)")
    }

    func checkEmoji(_ emoji: JSONObject, line: Int) {
        counts.emoji += 1
        let passed = validate(line: line) { () throws(RuleFailure) in
            try Self.validateEmoji(emoji)
            guard let image = emoji.string("image") else { return }
            let resolution = resolveFile(image)
            if let missing = resolution.missingDescription {
                throw RuleFailure(id: ImportErrorID.emojiImageMissing, message: "emoji image \"\(image)\" \(missing)")
            }
            if case .found(let entry?) = resolution { emojiImages.append((line, entry)) }
        }
        guard let name = emoji.string("name"), !name.isEmpty else { return }
        if passed && SystemEmojiNames.contains(name) {
            log.warning(ImportErrorID.systemEmojiName, line: line, "\"\(name)\" is a system emoji name; Mattermost skips this line")
        }
        registerUnique(name, \.emoji, id: ImportErrorID.duplicateEmoji, what: "emoji", line: line)
    }

    static func validateEmoji(_ emoji: JSONObject) throws(RuleFailure) {
        let name = emoji.string("name") ?? ""
        try require(!name.isEmpty, ImportErrorID.emoji("name_missing"), "emoji name is required")
        let image = emoji.string("image") ?? ""
        try require(!image.isEmpty, ImportErrorID.emoji("image_missing"), "emoji image is required")
        try require(ImportPath.entryName(for: image) != nil, ImportErrorID.emoji("invalid_image_path"),
                    "emoji image \"\(image)\" points outside the data/ folder")
        try require(NameRules.isValidEmojiName(name), ImportErrorID.emojiName,
                    "emoji name \"\(name)\" must be 1–64 characters of a–z, A–Z, 0–9, +, _ and -")
    }
}

/// Names of Mattermost's built-in emoji that a custom emoji may not take. The server's full list
/// (~1,800 names) is not available offline; this holds the commonly clashing ones.
enum SystemEmojiNames {
    static let names: Set<String> = [
        "+1", "-1", "thumbsup", "thumbsdown", "smile", "smiley", "grinning", "laughing", "joy", "wink", "blush",
        "heart", "broken_heart", "tada", "fire", "star", "sparkles", "100", "ok_hand", "clap", "wave", "pray",
        "eyes", "thinking", "thinking_face", "rocket", "white_check_mark", "heavy_check_mark", "x", "warning",
        "question", "exclamation", "cry", "sob", "rage", "angry", "sunglasses", "heart_eyes", "kissing_heart",
        "slightly_smiling_face", "upside_down_face", "confused", "neutral_face", "expressionless", "sweat_smile",
        "muscle", "raised_hands", "point_up", "point_down", "point_left", "point_right", "coffee", "beer", "pizza",
        "cake", "gift", "bulb", "memo", "bug", "zap", "boom", "skull", "ghost", "poop", "hankey", "robot_face",
        "see_no_evil", "hear_no_evil", "speak_no_evil", "checkered_flag", "trophy", "medal", "dog", "cat", "unicorn",
        "smirk", "scream", "facepalm", "shrug", "mattermost",
    ]

    static func contains(_ name: String) -> Bool { names.contains(name) }
}
