/// Spec §8 and §18: the save-time user rules the import validator skips, and memberships that must
/// name teams and channels defined on earlier lines.
extension LineChecker {
    /// Rules `User.IsValid` applies when saving (the import validator skips them) and email uniqueness.
    func checkUserSaveRules(_ user: JSONObject, username: String, line: Int) {
        if let email = user.string("email")?.lowercasedName {
            if !NameRules.isValidEmail(email) {
                log.error(ImportErrorID.userEmailInvalid, line: line, "email \"\(email)\" is not a valid address")
            } else if let first = names.emails[email], first.username != username {
                log.error(ImportErrorID.emailExists, line: line, "email \"\(email)\" is already used by \"\(first.username)\" (line \(first.line))")
            } else if names.emails[email] == nil {
                names.emails[email] = (line, username)
            }
        }
        if let locale = user.string("locale"), !Self.isValidLocale(locale) {
            log.error(ImportErrorID.userLocaleInvalid, line: line, "locale \"\(locale)\" is not a language code such as en, de or pt-BR")
        }
        if let roles = user.string("roles"), roles.byteCount > MattermostLimits.rolesMaxBytes {
            log.error(ImportErrorID.userRolesTooLong, line: line, "roles are longer than 256 bytes")
        }
        if let text = user.object("custom_status")?.string("text"), text.runeCount > MattermostLimits.customStatusTextMaxRunes {
            log.warning(ImportErrorID.customStatusTextTruncated, line: line, "custom_status text is longer than 100 characters and will be cut")
        }
    }

    /// Empty, or a BCP-47-like tag of at most 5 bytes: a 2–3 letter language and an optional region.
    static func isValidLocale(_ locale: String) -> Bool {
        if locale.isEmpty { return true }
        guard locale.byteCount <= MattermostLimits.localeMaxBytes else { return false }
        let parts = locale.split(separator: "-", omittingEmptySubsequences: false).flatMap { $0.split(separator: "_", omittingEmptySubsequences: false) }
        let isLetters = { (s: Substring) in s.utf8.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A } }
        guard let language = parts.first, (2...3).contains(language.count), isLetters(language) else { return false }
        guard parts.count <= 2 else { return false }
        if parts.count == 2 { return (2...3).contains(parts[1].count) && parts[1].utf8.allSatisfy { NameRules.isLowerAlnum($0 | 0x20) } }
        return true
    }

    /// Team and channel memberships must name teams/channels defined on earlier lines.
    func checkMemberships(_ user: JSONObject, line: Int) {
        for team in user.objects("teams") {
            guard let rawTeam = team.string("name") else { continue }
            let teamName = rawTeam.lowercasedName
            guard isKnownTeam(teamName) else {
                log.error(ImportErrorID.teamsNotFound, line: line, "team \"\(rawTeam)\" is not defined on an earlier line")
                continue
            }
            for channel in team.objects("channels") {
                guard let rawChannel = channel.string("name") else { continue }
                checkChannelReference(team: teamName, channel: rawChannel, id: ImportErrorID.userChannelNotFound, line: line)
            }
        }
    }

    /// The channel index when (team, channel) is known; reports an unknown channel otherwise.
    @discardableResult
    func checkChannelReference(team: String, channel rawChannel: String, id: String, line: Int) -> UInt32? {
        let channel = rawChannel.lowercasedName
        if let index = names.channelIndex(team: team, name: channel) { return index }
        if names.teams[team] == nil && existingTeams.contains(team) {
            log.warning(ImportErrorID.unknownChannelOfExistingTeam, line: line,
                        "channel \"\(rawChannel)\" of existing team \"\(team)\" is not defined in the file; it must already exist on the server")
            let index = names.newChannelIndex()
            names.channels[ReferenceIndex.ChannelKey(team: team, name: channel)] = (0, index)
            return index
        } else {
            log.error(id, line: line, "channel \"\(rawChannel)\" of team \"\(team)\" is not defined on an earlier line")
        }
        return nil
    }
}
