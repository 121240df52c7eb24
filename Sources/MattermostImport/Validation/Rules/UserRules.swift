import Foundation

/// Spec §8 (users, their notify props and memberships) and the save-time user rules.
extension LineChecker {
    func checkUser(_ user: JSONObject, line: Int) {
        counts.users += 1
        let passed = validate(line: line) { () throws(RuleFailure) in
            try checkProfileImage(user)
            try Self.validateUser(user)
        }
        guard let rawUsername = user.string("username") else { return }
        let username = rawUsername.lowercasedName
        if passed { checkUserSaveRules(user, username: username, line: line) }
        checkMemberships(user, line: line)
        registerUsername(username, line: line)
    }

    func registerUsername(_ username: String, line: Int) {
        registerUnique(username, \.usernames, id: ImportErrorID.duplicateUser, what: "username (case-insensitive)", line: line)
    }

    /// Shared by users and bots: the path must stay in `data/` and the file must be in the package.
    func checkProfileImage(_ object: JSONObject) throws(RuleFailure) {
        guard let path = object.string("profile_image") else { return }
        let resolution = resolveFile(path)
        switch resolution {
        case .escapesDataFolder:
            throw RuleFailure(id: ImportErrorID.user("invalid_image_path"), message: "profile_image \"\(path)\" points outside the data/ folder")
        case .missing:
            throw RuleFailure(id: ImportErrorID.profileImageMissing, message: "profile_image \"\(path)\" \(resolution.missingDescription!)")
        case .found: return
        }
    }

    static let authServices: Set<String> = ["", "email", "gitlab", "saml", "ldap", "google", "office365", "openid"]

    static func validateUser(_ user: JSONObject) throws(RuleFailure) {
        guard let username = user.string("username") else {
            throw RuleFailure(id: ImportErrorID.user("username_missing"), message: "username is required")
        }
        try require(NameRules.isValidUsername(username.lowercasedName), ImportErrorID.user("username_invalid"),
                    "username \"\(username)\" must be 1–64 characters of a–z, 0–9, ., - and _, and not all/channel/matterbot/system")
        guard let email = user.string("email") else {
            throw RuleFailure(id: ImportErrorID.user("email_missing"), message: "email is required")
        }
        try require((1...MattermostLimits.emailMaxBytes).contains(email.byteCount), ImportErrorID.user("email_length"),
                    "email must be 1–128 bytes")
        let authData = user.string("auth_data"), password = user.string("password")
        try require(authData == nil || password == nil, ImportErrorID.user("auth_data_and_password"),
                    "auth_data and password cannot both be set; use auth_service + auth_data for SSO users, password otherwise")
        try require((authData ?? "").byteCount <= MattermostLimits.authDataMaxBytes, ImportErrorID.user("auth_data_length"),
                    "auth_data is longer than 128 bytes")
        let authService = user.string("auth_service") ?? ""
        try require(authService.isEmpty == (authData ?? "").isEmpty, ImportErrorID.user("auth_data_and_service_dependency"),
                    "auth_service and auth_data must be set together (omit auth_service for password users)")
        try require(authServices.contains(authService), ImportErrorID.userTeams("invalid_auth_service"),
                    "auth_service \"\(authService)\" is not one of gitlab, saml, ldap, google, office365, openid")
        if let password {
            try require((1...MattermostLimits.passwordMaxBytes).contains(password.byteCount), ImportErrorID.user("password_length"),
                        "password must be 1–72 bytes")
        }
        try checkRunes(user, "nickname", MattermostLimits.nicknameMaxRunes, ImportErrorID.user("nickname_length"))
        try checkRunes(user, "first_name", MattermostLimits.firstNameMaxRunes, ImportErrorID.user("first_name_length"))
        try checkRunes(user, "last_name", MattermostLimits.lastNameMaxRunes, ImportErrorID.user("last_name_length"))
        try checkRunes(user, "position", MattermostLimits.positionMaxRunes, ImportErrorID.user("position_length"))
        if let roles = user.string("roles") {
            try require(NameRules.isValidRolesString(roles), ImportErrorID.user("roles_invalid"), "roles \"\(roles)\" is not a valid roles string")
        }
        try validateGuestConsistency(user)
        if let props = user.object("notify_props") { try validateUserNotifyProps(props) }
        try requireOneOf(user, "feature_enabled_markdown_preview", trueFalse, ImportErrorID.user("advanced_props_feature_markdown_preview"))
        try requireOneOf(user, "formatting", trueFalse, ImportErrorID.user("advanced_props_formatting"))
        try requireOneOf(user, "show_unread_section", trueFalse, ImportErrorID.user("advanced_props_show_unread_section"))
        try requireOneOf(user, "email_interval", ["immediately", "fifteen", "hour"], ImportErrorID.user("advanced_props_email_interval"))
        for team in user.objects("teams") { try validateUserTeam(team) }
        if let status = user.object("custom_status") { try validateCustomStatus(status) }
    }

    static let trueFalse: Set<String> = ["true", "false"]

    static func checkRunes(_ object: JSONObject, _ key: String, _ max: Int, _ id: String) throws(RuleFailure) {
        try require((object.string(key) ?? "").runeCount <= max, id, "\(key) is longer than \(max) characters")
    }

    static func requireOneOf(_ object: JSONObject, _ key: String, _ allowed: Set<String>, _ id: String) throws(RuleFailure) {
        guard let value = object.string(key) else { return }
        try require(allowed.contains(value), id, "\(key) \"\(value)\" must be one of \(allowed.sorted().map { "\"\($0)\"" }.joined(separator: ", "))")
    }

    private static func hasRole(_ roles: String?, _ role: String) -> Bool {
        (roles ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains { $0 == role }
    }

    /// Newest servers: system guests must be guests in every team and channel, and the other way round.
    static func validateGuestConsistency(_ user: JSONObject) throws(RuleFailure) {
        let teams = user.objects("teams")
        guard !teams.isEmpty else { return }
        let channels = teams.flatMap { $0.objects("channels") }
        let isSystemGuest = hasRole(user.string("roles"), "system_guest")
        let allTeamsGuest = teams.allSatisfy { hasRole($0.string("roles"), "team_guest") }
        let allChannelsGuest = !channels.isEmpty && channels.allSatisfy { hasRole($0.string("roles"), "channel_guest") }
        if isSystemGuest {
            try require(allTeamsGuest, ImportErrorID.user("system_guest_missing_team_guest_roles"),
                        "a system_guest user needs team_guest in the roles of every team")
            try require(channels.allSatisfy { hasRole($0.string("roles"), "channel_guest") },
                        ImportErrorID.user("system_guest_missing_channel_guest_roles"),
                        "a system_guest user needs channel_guest in the roles of every channel")
        } else {
            try require(!allTeamsGuest, ImportErrorID.user("team_guest_missing_system_guest_role"),
                        "team_guest in every team requires system_guest in the user's roles")
            try require(!allChannelsGuest, ImportErrorID.user("channel_guest_missing_system_guest_role"),
                        "channel_guest in every channel requires system_guest in the user's roles")
        }
    }

    static func validateUserNotifyProps(_ props: JSONObject) throws(RuleFailure) {
        let levels: Set<String> = ["all", "mention", "none"]
        try requireOneOf(props, "desktop", levels, ImportErrorID.user("notify_props_desktop_invalid"))
        try requireOneOf(props, "desktop_sound", trueFalse, ImportErrorID.user("notify_props_desktop_sound_invalid"))
        try requireOneOf(props, "email", trueFalse, ImportErrorID.user("notify_props_email_invalid"))
        try requireOneOf(props, "mobile", levels, ImportErrorID.user("notify_props_mobile_invalid"))
        try requireOneOf(props, "mobile_push_status", ["online", "away", "offline"], ImportErrorID.user("notify_props_mobile_push_status_invalid"))
        try requireOneOf(props, "channel", trueFalse, ImportErrorID.user("notify_props_channel_trigger_invalid"))
        try requireOneOf(props, "comments", ["any", "root", "never"], ImportErrorID.user("notify_props_comments_trigger_invalid"))
        if let keys = props.string("mention_keys") {
            let count = keys.split(separator: ",", omittingEmptySubsequences: true).count
            try require(count <= MattermostLimits.mentionKeysMaxCount && keys.byteCount <= MattermostLimits.mentionKeysMaxBytes,
                        ImportErrorID.user("notify_props_mention_keys_invalid"), "mention_keys may hold at most 500 keys and 50 000 bytes")
        }
    }

    static func validateUserTeam(_ team: JSONObject) throws(RuleFailure) {
        try require(team.string("name") != nil, ImportErrorID.userTeams("team_name_missing"), "a team membership needs the team name")
        if let roles = team.string("roles") {
            try require(NameRules.isValidRolesString(roles), ImportErrorID.userTeams("invalid_roles"), "team roles \"\(roles)\" are invalid")
        }
        if let theme = team.string("theme"), !theme.isEmpty {
            try require(isStringMapJSON(theme), ImportErrorID.userTeams("invalid_team_theme"), "team theme must be a JSON object of strings")
        }
        for channel in team.objects("channels") {
            try require(channel.string("name") != nil, ImportErrorID.userChannels("channel_name_missing"), "a channel membership needs the channel name")
            if let roles = channel.string("roles") {
                try require(NameRules.isValidRolesString(roles), ImportErrorID.userChannels("invalid_roles"), "channel roles \"\(roles)\" are invalid")
            }
            if let props = channel.object("notify_props") {
                let levels: Set<String> = ["default", "all", "mention", "none"]
                try requireOneOf(props, "desktop", levels, ImportErrorID.userChannels("invalid_notify_props_desktop"))
                try requireOneOf(props, "mobile", levels, ImportErrorID.userChannels("invalid_notify_props_mobile"))
                try requireOneOf(props, "mark_unread", ["all", "mention"], ImportErrorID.userChannels("invalid_notify_props_mark_unread"))
            }
        }
    }

    static func isStringMapJSON(_ text: String) -> Bool {
        guard case .object(let object)? = try? JSONParser.parse(text) else { return false }
        return object.members.allSatisfy { $0.value.stringValue != nil }
    }

    static func validateCustomStatus(_ status: JSONObject) throws(RuleFailure) {
        try requireOneOf(status, "duration", ["", "thirty_minutes", "one_hour", "four_hours", "today", "this_week", "date_and_time"],
                         ImportErrorID.customStatus)
        if let expires = status.string("expires_at"), !expires.isEmpty {
            try require(isRFC3339(expires), ImportErrorID.customStatus, "custom_status expires_at \"\(expires)\" is not an RFC 3339 time")
        }
    }

    static func isRFC3339(_ text: String) -> Bool {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if formatter.date(from: text) != nil { return true }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text) != nil
    }
}
