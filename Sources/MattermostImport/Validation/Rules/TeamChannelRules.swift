/// Spec §6 (teams) and §7 (channels).
extension LineChecker {
    func checkTeam(_ team: JSONObject, line: Int) {
        counts.teams += 1
        let passed = validate(line: line) { () throws(RuleFailure) in try Self.validateTeam(team) }
        guard let name = team.string("name")?.lowercasedName else { return }
        if passed {
            checkSchemeReference(team.string("scheme"), scope: "team", wrongScopeID: ImportErrorID.teamSchemeWrongScope, line: line)
            // No warning for `type` against `allow_open_invite`: Mattermost's own exporter writes them
            // apart ("O" with false) for most teams and imports them as written.
            warnIfUpperCase(team.string("name")!, kind: "team", line: line)
        }
        registerUnique(name, \.teams, id: ImportErrorID.duplicateTeam, what: "team", line: line)
    }

    static func validateTeam(_ team: JSONObject) throws(RuleFailure) {
        guard let name = team.string("name") else {
            throw RuleFailure(id: ImportErrorID.team("name_missing"), message: "team name is required")
        }
        try require(name.byteCount <= MattermostLimits.teamNameMaxBytes, ImportErrorID.team("name_length"),
                    "team name is longer than 64 bytes")
        try require(!NameRules.isReservedTeamName(name), ImportErrorID.team("name_reserved"),
                    "team name \"\(name)\" starts with a reserved word (\(NameRules.reservedTeamNamePrefixes.joined(separator: ", ")))")
        try require(NameRules.isValidTeamName(name.lowercasedName), ImportErrorID.team("name_characters"),
                    "team name \"\(name)\" must be 2–64 characters of a–z, 0–9 and inner hyphens, starting and ending with a letter or digit")
        guard let displayName = team.string("display_name") else {
            throw RuleFailure(id: ImportErrorID.team("display_name_missing"), message: "team display_name is required")
        }
        try require((1...MattermostLimits.teamDisplayNameMaxRunes).contains(displayName.runeCount),
                    ImportErrorID.team("display_name_length"), "team display_name must be 1–64 characters")
        guard let type = team.string("type") else {
            throw RuleFailure(id: ImportErrorID.team("type_missing"), message: "team type is required (\"O\" or \"I\")")
        }
        try require(type == "O" || type == "I", ImportErrorID.team("type_invalid"), "team type \"\(type)\" must be \"O\" (open) or \"I\" (invite only)")
        try require((team.string("description") ?? "").byteCount <= MattermostLimits.teamDescriptionMaxBytes,
                    ImportErrorID.team("description_length"), "team description is longer than 255 bytes")
        if let scheme = team.string("scheme") {
            try require(NameRules.isValidSchemeName(scheme), ImportErrorID.team("scheme_invalid"), "scheme name \"\(scheme)\" is invalid")
        }
    }

    func checkChannel(_ channel: JSONObject, line: Int) {
        counts.channels += 1
        let passed = validate(line: line) { () throws(RuleFailure) in try Self.validateChannel(channel) }
        guard let rawTeam = channel.string("team"), let rawName = channel.string("name") else { return }
        let team = rawTeam.lowercasedName, name = rawName.lowercasedName
        if passed {
            if NameRules.hasDirectChannelShape(name) {
                log.error(ImportErrorID.channelNameShape, line: line,
                          "channel name \"\(name)\" looks like a direct or group message channel name; Mattermost refuses it")
            }
            checkSchemeReference(channel.string("scheme"), scope: "channel", wrongScopeID: ImportErrorID.channelSchemeWrongScope, line: line)
            warnIfUpperCase(rawName, kind: "channel", line: line)
        }
        if !isKnownTeam(team) {
            log.error(ImportErrorID.channelTeamNotFound, line: line, "team \"\(rawTeam)\" is not defined on an earlier line")
        }
        let key = ReferenceIndex.ChannelKey(team: team, name: name)
        if let first = names.channels[key], first.line > 0 {
            log.error(ImportErrorID.duplicateChannel, line: line, "channel \"\(name)\" of team \"\(team)\" is already defined on line \(first.line)")
        } else {
            names.channels[key] = (line, names.channels[key]?.index ?? names.newChannelIndex())
        }
    }

    static func validateChannel(_ channel: JSONObject) throws(RuleFailure) {
        try require(channel.string("team") != nil, ImportErrorID.channel("team_missing"), "channel team is required")
        guard let name = channel.string("name") else {
            throw RuleFailure(id: ImportErrorID.channel("name_missing"), message: "channel name is required")
        }
        try require(name.byteCount <= MattermostLimits.channelNameMaxBytes, ImportErrorID.channel("name_length"),
                    "channel name is longer than 64 bytes")
        try require(NameRules.isValidChannelName(name.lowercasedName), ImportErrorID.channel("name_characters"),
                    "channel name \"\(name)\" must start with a letter or digit and contain only a–z, 0–9, - and _")
        var displayName = channel.string("display_name") ?? ""
        if displayName.isEmpty { displayName = name }
        try require(displayName.runeCount <= MattermostLimits.channelDisplayNameMaxRunes,
                    ImportErrorID.channel("display_name_length"), "channel display_name is longer than 64 characters")
        guard let type = channel.string("type") else {
            throw RuleFailure(id: ImportErrorID.channel("type_missing"), message: "channel type is required (\"O\" or \"P\")")
        }
        try require(type == "O" || type == "P", ImportErrorID.channel("type_invalid"), "channel type \"\(type)\" must be \"O\" (public) or \"P\" (private)")
        try require((channel.string("header") ?? "").runeCount <= MattermostLimits.channelHeaderMaxRunes,
                    ImportErrorID.channel("header_length"), "channel header is longer than 1024 characters")
        try require((channel.string("purpose") ?? "").runeCount <= MattermostLimits.channelPurposeMaxRunes,
                    ImportErrorID.channel("purpose_length"), "channel purpose is longer than 250 characters")
        if let scheme = channel.string("scheme") {
            try require(NameRules.isValidSchemeName(scheme), ImportErrorID.channel("scheme_invalid"), "scheme name \"\(scheme)\" is invalid")
        }
    }

    func isKnownTeam(_ lowercasedName: String) -> Bool {
        names.teams[lowercasedName] != nil || existingTeams.contains(lowercasedName)
    }

    /// Upper-case names are lower-cased by new servers but rejected by servers before v10.2 (spec P2).
    func warnIfUpperCase(_ name: String, kind: String, line: Int) {
        if name.containsByte(where: { $0 >= 0x41 && $0 <= 0x5A }) {
            log.warning(ImportErrorID.upperCaseName, line: line,
                        "\(kind) name \"\(name)\" has upper-case letters; servers before v10.2 reject it and posts naming it may fail even on newer ones, use lower case")
        }
    }
}
