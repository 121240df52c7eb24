@testable import MattermostImport

/// One failing input per validator rule and the exact id it must produce.
struct ValidatorRuleCase: CustomStringConvertible, Sendable {
    enum Severity: Sendable { case error, warning }

    let name: String
    /// Lines after the prelude (or the whole file when `withPrelude` is false).
    let lines: [String]
    let id: String
    var severity = Severity.error
    var withPrelude = true
    /// The line the finding is on when it is not the last one.
    var atLine: Int?

    var description: String { name }
}

private func line(_ type: String, _ body: String) -> String { #"{"type":"\#(type)","\#(type)":{\#(body)}}"# }
private func team(_ body: String) -> String { line("team", body) }
private func channel(_ body: String) -> String { line("channel", body) }
private func user(_ body: String) -> String { line("user", body) }
/// A valid user plus extra fields.
private func userWith(_ extra: String) -> String { user(#""username":"carol","email":"carol@example.com","# + extra) }
private func bot(_ body: String) -> String { line("bot", body) }
private func emoji(_ body: String) -> String { line("emoji", body) }
private func post(_ body: String) -> String { line("post", body) }
/// A valid post plus extra fields.
private func postWith(_ extra: String) -> String {
    post(#""team":"acme","channel":"general","user":"alice","message":"hi","create_at":1700000000000"# + (extra.isEmpty ? "" : "," + extra))
}
private func directPost(_ body: String) -> String { line("direct_post", body) }
private func directPostWith(_ extra: String) -> String {
    directPost(#""channel_members":["alice","bob"],"user":"alice","message":"hi","create_at":1700000000000"# + (extra.isEmpty ? "" : "," + extra))
}
private func role(_ body: String) -> String { line("role", body) }
private func scheme(_ body: String) -> String { line("scheme", body) }
private let roleObject = #"{"name":"r_one","display_name":"R"}"#
private let teamSchemeRoles = #""default_team_admin_role":\#(roleObject),"default_team_user_role":\#(roleObject),"default_channel_admin_role":\#(roleObject),"default_channel_user_role":\#(roleObject)"#
private let channelSchemeRoles = #""default_channel_admin_role":\#(roleObject),"default_channel_user_role":\#(roleObject)"#
private func long(_ count: Int, _ character: String = "a") -> String { String(repeating: character, count: count) }
private func reaction(_ body: String) -> String { postWith(#""reactions":[{\#(body)}]"#) }
private func reply(_ body: String) -> String { postWith(#""replies":[{\#(body)}]"#) }

private let v = "app.import."

enum ValidatorRuleCases {
    static let lineLevel: [ValidatorRuleCase] = [
        .init(name: "blank line", lines: [""], id: ImportErrorID.jsonDecode),
        .init(name: "whitespace line", lines: ["   "], id: ImportErrorID.jsonDecode),
        .init(name: "run of blank lines", lines: ["", " \t", "\r", ""], id: ImportErrorID.jsonDecode, atLine: 6),
        .init(name: "blank lines between objects", lines: ["", postWith(""), ""], id: ImportErrorID.jsonDecode),
        .init(name: "broken JSON", lines: [#"{"type":"team","team":{"#], id: ImportErrorID.jsonDecode),
        .init(name: "trailing garbage", lines: [#"{"type":"post"} x"#], id: ImportErrorID.jsonDecode),
        .init(name: "not an object", lines: ["[1,2]"], id: ImportErrorID.jsonDecode),
        .init(name: "create_at as string", lines: [postWith("").replacingOccurrences(of: "1700000000000", with: "\"1700000000000\"")], id: ImportErrorID.jsonDecode),
        .init(name: "create_at as float", lines: [postWith("").replacingOccurrences(of: "1700000000000", with: "1.7e12")], id: ImportErrorID.jsonDecode),
        .init(name: "create_at beyond int64", lines: [postWith("").replacingOccurrences(of: "1700000000000", with: "99999999999999999999")], id: ImportErrorID.jsonDecode),
        .init(name: "favorite as string", lines: [userWith(#""teams":[{"name":"acme","channels":[{"name":"general","favorite":"true"}]}]"#)], id: ImportErrorID.jsonDecode),
        .init(name: "is_pinned as number", lines: [postWith(#""is_pinned":1"#)], id: ImportErrorID.jsonDecode),
        .init(name: "props not an object", lines: [postWith(#""props":"x""#)], id: ImportErrorID.jsonDecode),
        .init(name: "null reply element", lines: [postWith(#""replies":[null]"#)], id: ImportErrorID.jsonDecode),
        .init(name: "wrong type in other payload key", lines: [team(#""name":"beta","display_name":"B","type":"O","allow_open_invite":true"#).dropLast() + #","post":"x"}"#], id: ImportErrorID.jsonDecode),
        .init(name: "version as string", lines: [#"{"type":"version","version":"1"}"#], id: ImportErrorID.jsonDecode, withPrelude: false),
        .init(name: "line 1 not the version", lines: [team(#""name":"acme","display_name":"A","type":"O""#)], id: ImportErrorID.invalidVersion, withPrelude: false),
        .init(name: "version missing", lines: [#"{"type":"version"}"#], id: ImportErrorID.invalidVersion, withPrelude: false),
        .init(name: "version info.additional", lines: [#"{"type":"version","version":1,"info":{"generator":"x","additional":{"team":"a"}}}"#], id: ImportErrorID.versionInfoAdditional, severity: .warning, withPrelude: false),
        .init(name: "version 2", lines: [#"{"type":"version","version":2}"#], id: ImportErrorID.unsupportedVersion, withPrelude: false),
        .init(name: "empty input", lines: [], id: ImportErrorID.invalidVersion, withPrelude: false),
        .init(name: "second version line", lines: [#"{"type":"version","version":1}"#], id: ImportErrorID.unknownLineType),
        .init(name: "unknown type", lines: [#"{"type":"webhook","webhook":{}}"#], id: ImportErrorID.unknownLineType),
        .init(name: "missing type", lines: [#"{"team":{"name":"x"}}"#], id: ImportErrorID.unknownLineType),
    ] + ["role", "scheme", "team", "channel", "user", "bot", "emoji", "post", "direct_channel", "direct_post"].map {
        ValidatorRuleCase(name: "null \($0)", lines: [#"{"type":"\#($0)","\#($0)":null}"#], id: ImportErrorID.nullPayload($0))
    } + [
        .init(name: "fields at top level", lines: [#"{"type":"user","username":"dave"}"#], id: ImportErrorID.nullPayload("user")),
    ]

    static let schemesAndRoles: [ValidatorRuleCase] = [
        .init(name: "role name invalid", lines: [role(#""name":"Bad Name","display_name":"R""#)], id: v + "validate_role_import_data.name_invalid.error"),
        .init(name: "role name missing", lines: [role(#""display_name":"R""#)], id: v + "validate_role_import_data.name_invalid.error"),
        .init(name: "role display name empty", lines: [role(#""name":"r_one","display_name":"""#)], id: v + "validate_role_import_data.display_name_invalid.error"),
        .init(name: "role description long", lines: [role(#""name":"r_one","display_name":"R","description":"\#(long(1025))""#)], id: v + "validate_role_import_data.description_invalid.error"),
        .init(name: "role permission invalid", lines: [role(#""name":"r_one","display_name":"R","permissions":["Create Post"]"#)], id: v + "validate_role_import_data.invalid_permission.error"),
        .init(name: "duplicate role", lines: [role(#""name":"r_one","display_name":"R""#), role(#""name":"r_one","display_name":"R""#)], id: ImportErrorID.duplicateRole),
        .init(name: "scheme scope missing", lines: [scheme(#""name":"s_one","display_name":"S""#)], id: v + "validate_scheme_import_data.null_scope.error"),
        .init(name: "team scheme without roles", lines: [scheme(#""name":"s_one","display_name":"S","scope":"team""#)], id: v + "validate_scheme_import_data.wrong_roles_for_scope.error"),
        .init(name: "channel scheme with team roles", lines: [scheme(#""name":"s_one","display_name":"S","scope":"channel",\#(teamSchemeRoles)"#)], id: v + "validate_scheme_import_data.wrong_roles_for_scope.error"),
        .init(name: "scheme scope unknown", lines: [scheme(#""name":"s_one","display_name":"S","scope":"system""#)], id: v + "validate_scheme_import_data.unknown_scheme.error"),
        .init(name: "scheme name invalid", lines: [scheme(#""name":"S","display_name":"S","scope":"channel",\#(channelSchemeRoles)"#)], id: v + "validate_scheme_import_data.name_invalid.error"),
        .init(name: "scheme display name missing", lines: [scheme(#""name":"s_one","scope":"channel",\#(channelSchemeRoles)"#)], id: v + "validate_scheme_import_data.display_name_invalid.error"),
        .init(name: "scheme description long", lines: [scheme(#""name":"s_one","display_name":"S","description":"\#(long(1025))","scope":"channel",\#(channelSchemeRoles)"#)], id: v + "validate_scheme_import_data.description_invalid.error"),
        .init(name: "scheme role invalid", lines: [scheme(#""name":"s_one","display_name":"S","scope":"channel","default_channel_admin_role":{"name":"X","display_name":"R"},"default_channel_user_role":\#(roleObject)"#)], id: v + "validate_role_import_data.name_invalid.error"),
        .init(name: "duplicate scheme", lines: [scheme(#""name":"s_one","display_name":"S","scope":"channel",\#(channelSchemeRoles)"#), scheme(#""name":"s_one","display_name":"S","scope":"channel",\#(channelSchemeRoles)"#)], id: ImportErrorID.duplicateScheme),
        .init(name: "team scheme not defined", lines: [team(#""name":"beta","display_name":"B","type":"O","allow_open_invite":true,"scheme":"s_none""#)], id: ImportErrorID.schemeNotFound),
        .init(name: "team scheme wrong scope", lines: [scheme(#""name":"s_one","display_name":"S","scope":"channel",\#(channelSchemeRoles)"#), team(#""name":"beta","display_name":"B","type":"O","allow_open_invite":true,"scheme":"s_one""#)], id: ImportErrorID.teamSchemeWrongScope),
        .init(name: "channel scheme wrong scope", lines: [scheme(#""name":"s_one","display_name":"S","scope":"team",\#(teamSchemeRoles)"#), channel(#""team":"acme","name":"c2","type":"O","scheme":"s_one""#)], id: ImportErrorID.channelSchemeWrongScope),
    ]

    static let teamsAndChannels: [ValidatorRuleCase] = [
        .init(name: "team name missing", lines: [team(#""display_name":"B","type":"O""#)], id: v + "validate_team_import_data.name_missing.error"),
        .init(name: "team name long", lines: [team(#""name":"\#(long(65))","display_name":"B","type":"O""#)], id: v + "validate_team_import_data.name_length.error"),
        .init(name: "team name reserved prefix", lines: [team(#""name":"helpdesk","display_name":"B","type":"O""#)], id: v + "validate_team_import_data.name_reserved.error"),
        .init(name: "team name characters", lines: [team(#""name":"my_team","display_name":"B","type":"O""#)], id: v + "validate_team_import_data.name_characters.error"),
        .init(name: "team name one character", lines: [team(#""name":"b","display_name":"B","type":"O""#)], id: v + "validate_team_import_data.name_characters.error"),
        .init(name: "team display name missing", lines: [team(#""name":"beta","type":"O""#)], id: v + "validate_team_import_data.display_name_missing.error"),
        .init(name: "team display name long", lines: [team(#""name":"beta","display_name":"\#(long(65, "é"))","type":"O""#)], id: v + "validate_team_import_data.display_name_length.error"),
        .init(name: "team display name empty", lines: [team(#""name":"beta","display_name":"","type":"O""#)], id: v + "validate_team_import_data.display_name_length.error"),
        .init(name: "team type missing", lines: [team(#""name":"beta","display_name":"B""#)], id: v + "validate_team_import_data.type_missing.error"),
        .init(name: "team type invalid", lines: [team(#""name":"beta","display_name":"B","type":"P""#)], id: v + "validate_team_import_data.type_invalid.error"),
        .init(name: "team description long", lines: [team(#""name":"beta","display_name":"B","type":"O","description":"\#(long(128, "é"))""#)], id: v + "validate_team_import_data.description_length.error"),
        .init(name: "team scheme invalid", lines: [team(#""name":"beta","display_name":"B","type":"O","scheme":"Bad Scheme""#)], id: v + "validate_team_import_data.scheme_invalid.error"),
        .init(name: "duplicate team", lines: [team(#""name":"ACME","display_name":"B","type":"O","allow_open_invite":true"#)], id: ImportErrorID.duplicateTeam),
        .init(name: "team name upper case", lines: [team(#""name":"Beta","display_name":"B","type":"I""#)], id: ImportErrorID.upperCaseName, severity: .warning),
        .init(name: "channel team missing", lines: [channel(#""name":"c2","type":"O""#)], id: v + "validate_channel_import_data.team_missing.error"),
        .init(name: "channel name missing", lines: [channel(#""team":"acme","type":"O""#)], id: v + "validate_channel_import_data.name_missing.error"),
        .init(name: "channel name long", lines: [channel(#""team":"acme","name":"\#(long(65))","type":"O""#)], id: v + "validate_channel_import_data.name_length.error"),
        .init(name: "channel name characters", lines: [channel(#""team":"acme","name":"-dash","type":"O""#)], id: v + "validate_channel_import_data.name_characters.error"),
        .init(name: "channel display name long", lines: [channel(#""team":"acme","name":"c2","display_name":"\#(long(65))","type":"O""#)], id: v + "validate_channel_import_data.display_name_length.error"),
        .init(name: "channel type missing", lines: [channel(#""team":"acme","name":"c2""#)], id: v + "validate_channel_import_data.type_missing.error"),
        .init(name: "channel type invalid", lines: [channel(#""team":"acme","name":"c2","type":"D""#)], id: v + "validate_channel_import_data.type_invalid.error"),
        .init(name: "channel header long", lines: [channel(#""team":"acme","name":"c2","type":"O","header":"\#(long(1025))""#)], id: v + "validate_channel_import_data.header_length.error"),
        .init(name: "channel purpose long", lines: [channel(#""team":"acme","name":"c2","type":"O","purpose":"\#(long(251))""#)], id: v + "validate_channel_import_data.purpose_length.error"),
        .init(name: "channel scheme invalid", lines: [channel(#""team":"acme","name":"c2","type":"O","scheme":"x""#)], id: v + "validate_channel_import_data.scheme_invalid.error"),
        .init(name: "channel name with GM shape", lines: [channel(#""team":"acme","name":"\#(long(40, "a"))","type":"O""#)], id: ImportErrorID.channelNameShape),
        .init(name: "channel of unknown team", lines: [channel(#""team":"nope","name":"c2","type":"O""#)], id: ImportErrorID.channelTeamNotFound),
        .init(name: "duplicate channel", lines: [channel(#""team":"acme","name":"general","type":"O""#)], id: ImportErrorID.duplicateChannel),
    ]

    static let users: [ValidatorRuleCase] = [
        .init(name: "profile image outside data", lines: [userWith(#""profile_image":"../etc/passwd""#)], id: v + "validate_user_import_data.invalid_image_path.error"),
        .init(name: "username missing", lines: [user(#""email":"c@example.com""#)], id: v + "validate_user_import_data.username_missing.error"),
        .init(name: "username invalid", lines: [user(#""username":"carol smith","email":"c@example.com""#)], id: v + "validate_user_import_data.username_invalid.error"),
        .init(name: "username reserved", lines: [user(#""username":"channel","email":"c@example.com""#)], id: v + "validate_user_import_data.username_invalid.error"),
        .init(name: "email missing", lines: [user(#""username":"carol""#)], id: v + "validate_user_import_data.email_missing.error"),
        .init(name: "email empty", lines: [user(#""username":"carol","email":"""#)], id: v + "validate_user_import_data.email_length.error"),
        .init(name: "auth data and password", lines: [userWith(#""auth_service":"ldap","auth_data":"x","password":"p""#)], id: v + "validate_user_import_data.auth_data_and_password.error"),
        .init(name: "empty auth data and password", lines: [userWith(#""auth_data":"","password":"p""#)], id: v + "validate_user_import_data.auth_data_and_password.error"),
        .init(name: "auth data long", lines: [userWith(#""auth_service":"ldap","auth_data":"\#(long(129))""#)], id: v + "validate_user_import_data.auth_data_length.error"),
        .init(name: "auth service without data", lines: [userWith(#""auth_service":"email","password":"p""#)], id: v + "validate_user_import_data.auth_data_and_service_dependency.error"),
        .init(name: "auth service unknown", lines: [userWith(#""auth_service":"github","auth_data":"x""#)], id: v + "validate_user_teams_import_data.invalid_auth_service.error"),
        .init(name: "password empty", lines: [userWith(#""password":"""#)], id: v + "validate_user_import_data.password_length.error"),
        .init(name: "password long", lines: [userWith(#""password":"\#(long(73))""#)], id: v + "validate_user_import_data.password_length.error"),
        .init(name: "nickname long", lines: [userWith(#""nickname":"\#(long(65))""#)], id: v + "validate_user_import_data.nickname_length.error"),
        .init(name: "first name long", lines: [userWith(#""first_name":"\#(long(65))""#)], id: v + "validate_user_import_data.first_name_length.error"),
        .init(name: "last name long", lines: [userWith(#""last_name":"\#(long(65))""#)], id: v + "validate_user_import_data.last_name_length.error"),
        .init(name: "position long", lines: [userWith(#""position":"\#(long(129))""#)], id: v + "validate_user_import_data.position_length.error"),
        .init(name: "roles invalid", lines: [userWith(#""roles":"System-User""#)], id: v + "validate_user_import_data.roles_invalid.error"),
        .init(name: "roles only system_admin", lines: [userWith(#""roles":"system_admin""#)], id: v + "validate_user_import_data.roles_invalid.error"),
        .init(name: "system guest without team guest", lines: [userWith(#""roles":"system_guest","teams":[{"name":"acme","roles":"team_user"}]"#)], id: v + "validate_user_import_data.system_guest_missing_team_guest_roles.error"),
        .init(name: "system guest without channel guest", lines: [userWith(#""roles":"system_guest","teams":[{"name":"acme","roles":"team_guest","channels":[{"name":"general","roles":"channel_user"}]}]"#)], id: v + "validate_user_import_data.system_guest_missing_channel_guest_roles.error"),
        .init(name: "team guest without system guest", lines: [userWith(#""roles":"system_user","teams":[{"name":"acme","roles":"team_guest"}]"#)], id: v + "validate_user_import_data.team_guest_missing_system_guest_role.error"),
        .init(name: "channel guest without system guest", lines: [userWith(#""roles":"system_user","teams":[{"name":"acme","roles":"team_user","channels":[{"name":"general","roles":"channel_guest"}]}]"#)], id: v + "validate_user_import_data.channel_guest_missing_system_guest_role.error"),
        .init(name: "notify desktop", lines: [userWith(#""notify_props":{"desktop":"always"}"#)], id: v + "validate_user_import_data.notify_props_desktop_invalid.error"),
        .init(name: "notify desktop sound", lines: [userWith(#""notify_props":{"desktop_sound":"True"}"#)], id: v + "validate_user_import_data.notify_props_desktop_sound_invalid.error"),
        .init(name: "notify email", lines: [userWith(#""notify_props":{"email":"yes"}"#)], id: v + "validate_user_import_data.notify_props_email_invalid.error"),
        .init(name: "notify mobile", lines: [userWith(#""notify_props":{"mobile":"some"}"#)], id: v + "validate_user_import_data.notify_props_mobile_invalid.error"),
        .init(name: "notify mobile push status", lines: [userWith(#""notify_props":{"mobile_push_status":"busy"}"#)], id: v + "validate_user_import_data.notify_props_mobile_push_status_invalid.error"),
        .init(name: "notify channel trigger", lines: [userWith(#""notify_props":{"channel":"on"}"#)], id: v + "validate_user_import_data.notify_props_channel_trigger_invalid.error"),
        .init(name: "notify comments trigger", lines: [userWith(#""notify_props":{"comments":"all"}"#)], id: v + "validate_user_import_data.notify_props_comments_trigger_invalid.error"),
        .init(name: "notify mention keys", lines: [userWith(#""notify_props":{"mention_keys":"\#((0...500).map { "k\($0)" }.joined(separator: ","))"}"#)], id: v + "validate_user_import_data.notify_props_mention_keys_invalid.error"),
        .init(name: "markdown preview", lines: [userWith(#""feature_enabled_markdown_preview":"True""#)], id: v + "validate_user_import_data.advanced_props_feature_markdown_preview.error"),
        .init(name: "formatting", lines: [userWith(#""formatting":"yes""#)], id: v + "validate_user_import_data.advanced_props_formatting.error"),
        .init(name: "show unread section", lines: [userWith(#""show_unread_section":"1""#)], id: v + "validate_user_import_data.advanced_props_show_unread_section.error"),
        .init(name: "email interval", lines: [userWith(#""email_interval":"immediate""#)], id: v + "validate_user_import_data.advanced_props_email_interval.error"),
        .init(name: "team name missing", lines: [userWith(#""teams":[{"roles":"team_user"}]"#)], id: v + "validate_user_teams_import_data.team_name_missing.error"),
        .init(name: "team roles invalid", lines: [userWith(#""teams":[{"name":"acme","roles":"Team User"}]"#)], id: v + "validate_user_teams_import_data.invalid_roles.error"),
        .init(name: "team theme invalid", lines: [userWith(#""teams":[{"name":"acme","theme":"{\"a\":1}"}]"#)], id: v + "validate_user_teams_import_data.invalid_team_theme.error"),
        .init(name: "channel name missing", lines: [userWith(#""teams":[{"name":"acme","channels":[{"roles":"channel_user"}]}]"#)], id: v + "validate_user_channels_import_data.channel_name_missing.error"),
        .init(name: "channel roles invalid", lines: [userWith(#""teams":[{"name":"acme","channels":[{"name":"general","roles":"!"}]}]"#)], id: v + "validate_user_channels_import_data.invalid_roles.error"),
        .init(name: "channel notify desktop", lines: [userWith(#""teams":[{"name":"acme","channels":[{"name":"general","notify_props":{"desktop":"x"}}]}]"#)], id: v + "validate_user_channels_import_data.invalid_notify_props_desktop.error"),
        .init(name: "channel notify mobile", lines: [userWith(#""teams":[{"name":"acme","channels":[{"name":"general","notify_props":{"mobile":"x"}}]}]"#)], id: v + "validate_user_channels_import_data.invalid_notify_props_mobile.error"),
        .init(name: "channel notify mark unread", lines: [userWith(#""teams":[{"name":"acme","channels":[{"name":"general","notify_props":{"mark_unread":"none"}}]}]"#)], id: v + "validate_user_channels_import_data.invalid_notify_props_mark_unread.error"),
        .init(name: "custom status duration", lines: [userWith(#""custom_status":{"text":"away","duration":"forever"}"#)], id: ImportErrorID.customStatus),
        .init(name: "custom status expiry", lines: [userWith(#""custom_status":{"text":"away","expires_at":"tomorrow"}"#)], id: ImportErrorID.customStatus),
        .init(name: "custom status text long", lines: [userWith(#""custom_status":{"text":"\#(long(101))"}"#)], id: ImportErrorID.customStatusTextTruncated, severity: .warning),
        .init(name: "email syntax", lines: [user(#""username":"carol","email":"Carol <carol@example.com>""#)], id: ImportErrorID.userEmailInvalid),
        .init(name: "email used twice", lines: [user(#""username":"carol","email":"ALICE@example.com""#)], id: ImportErrorID.emailExists),
        .init(name: "locale invalid", lines: [userWith(#""locale":"english""#)], id: ImportErrorID.userLocaleInvalid),
        .init(name: "roles too long", lines: [userWith(#""roles":"\#((0..<30).map { "role_\($0)_x" }.joined(separator: " "))""#)], id: ImportErrorID.userRolesTooLong),
        .init(name: "membership of unknown team", lines: [userWith(#""teams":[{"name":"nope"}]"#)], id: ImportErrorID.teamsNotFound),
        .init(name: "membership of unknown channel", lines: [userWith(#""teams":[{"name":"acme","channels":[{"name":"nope"}]}]"#)], id: ImportErrorID.userChannelNotFound),
        .init(name: "duplicate username", lines: [user(#""username":"Alice","email":"alice2@example.com""#)], id: ImportErrorID.duplicateUser),
    ]

    static let botsAndEmoji: [ValidatorRuleCase] = [
        .init(name: "bot profile image outside data", lines: [bot(#""username":"robo","owner":"alice","profile_image":"/../x.png""#)], id: v + "validate_user_import_data.invalid_image_path.error"),
        .init(name: "bot username missing", lines: [bot(#""owner":"alice""#)], id: v + "validate_user_import_data.username_missing.error"),
        .init(name: "bot username invalid", lines: [bot(#""username":"robo bot","owner":"alice""#)], id: v + "validate_user_import_data.username_invalid.error"),
        .init(name: "bot display name long", lines: [bot(#""username":"robo","owner":"alice","display_name":"\#(long(65))""#)], id: v + "validate_user_import_data.first_name_length.error"),
        .init(name: "bot owner missing", lines: [bot(#""username":"robo""#)], id: v + "validate_bot_import_data.owner_missing.error"),
        .init(name: "bot owner upper case", lines: [bot(#""username":"robo","owner":"Alice""#)], id: v + "validate_user_import_data.username_invalid.error"),
        .init(name: "bot owner unknown", lines: [bot(#""username":"robo","owner":"zed""#)], id: ImportErrorID.botOwnerNotFound, severity: .warning),
        .init(name: "bot username taken", lines: [bot(#""username":"bob","owner":"alice""#)], id: ImportErrorID.duplicateUser),
        .init(name: "emoji name missing", lines: [emoji(#""image":"emoji/x.png""#)], id: v + "validate_emoji_import_data.name_missing.error"),
        .init(name: "emoji image missing", lines: [emoji(#""name":"partyparrot""#)], id: v + "validate_emoji_import_data.image_missing.error"),
        .init(name: "emoji image outside data", lines: [emoji(#""name":"partyparrot","image":"../x.png""#)], id: v + "validate_emoji_import_data.invalid_image_path.error"),
        .init(name: "emoji name invalid", lines: [emoji(#""name":"party parrot","image":"emoji/x.png""#)], id: ImportErrorID.emojiName),
        .init(name: "system emoji name", lines: [emoji(#""name":"smile","image":"emoji/x.png""#)], id: ImportErrorID.systemEmojiName, severity: .warning),
        .init(name: "duplicate emoji", lines: [emoji(#""name":"parrot","image":"emoji/x.png""#), emoji(#""name":"parrot","image":"emoji/x.png""#)], id: ImportErrorID.duplicateEmoji),
    ]

    static let posts: [ValidatorRuleCase] = [
        .init(name: "post team missing", lines: [post(#""channel":"general","user":"alice","message":"m","create_at":1"#)], id: v + "validate_post_import_data.team_missing.error"),
        .init(name: "post channel missing", lines: [post(#""team":"acme","user":"alice","message":"m","create_at":1"#)], id: v + "validate_post_import_data.channel_missing.error"),
        .init(name: "post user missing", lines: [post(#""team":"acme","channel":"general","message":"m","create_at":1"#)], id: v + "validate_post_import_data.user_missing.error"),
        .init(name: "post message missing", lines: [post(#""team":"acme","channel":"general","user":"alice","create_at":1"#)], id: v + "validate_post_import_data.message_missing.error"),
        .init(name: "post message long", lines: [post(#""team":"acme","channel":"general","user":"alice","message":"\#(long(16384, "é"))","create_at":1"#)], id: v + "validate_post_import_data.message_length.error"),
        .init(name: "post create_at missing", lines: [post(#""team":"acme","channel":"general","user":"alice","message":"m""#)], id: v + "validate_post_import_data.create_at_missing.error"),
        .init(name: "post create_at zero", lines: [post(#""team":"acme","channel":"general","user":"alice","message":"m","create_at":0"#)], id: v + "validate_post_import_data.create_at_zero.error"),
        .init(name: "post props too large", lines: [postWith(#""props":{"big":"\#(long(800_001))"}"#)], id: v + "validate_post_import_data.props_too_large.error"),
        .init(name: "post attachment outside data", lines: [postWith(#""attachments":[{"path":"../../secret"}]"#)], id: v + "validate_post_import_data.attachment.error"),
        .init(name: "thread follower empty", lines: [postWith(#""thread_followers":[{}]"#)], id: v + "validate_post_import_data.thread_follower.error"),
        .init(name: "thread follower user missing", lines: [postWith(#""thread_followers":[{"last_viewed":5}]"#)], id: v + "validate_post_import_data.thread_follower.error"),
        .init(name: "thread follower unknown", lines: [postWith(#""thread_followers":[{"user":"zed"}]"#)], id: ImportErrorID.usersNotFound),
        .init(name: "post of unknown team", lines: [post(#""team":"nope","channel":"general","user":"alice","message":"m","create_at":1"#)], id: ImportErrorID.teamsNotFound),
        .init(name: "post in unknown channel", lines: [post(#""team":"acme","channel":"nope","user":"alice","message":"m","create_at":1"#)], id: ImportErrorID.postChannelNotFound),
        .init(name: "post naming an upper-case channel", lines: [post(#""team":"acme","channel":"General","user":"alice","message":"m","create_at":1"#)], id: ImportErrorID.upperCaseName, severity: .warning),
        .init(name: "post by unknown user", lines: [post(#""team":"acme","channel":"general","user":"zed","message":"m","create_at":1"#)], id: ImportErrorID.usersNotFound),
        .init(name: "post user defined later", lines: [post(#""team":"acme","channel":"general","user":"carol","message":"m","create_at":1"#), userWith("\"roles\":\"system_user\"")], id: ImportErrorID.usersNotFound, atLine: 6),
        .init(name: "flagged by unknown user", lines: [postWith(#""flagged_by":["zed"]"#)], id: ImportErrorID.usersNotFound),
        .init(name: "post type invalid", lines: [postWith(#""type":"bogus""#)], id: ImportErrorID.postType),
        .init(name: "more than 10 attachments", lines: [postWith(#""attachments":[\#((1...11).map { #"{"path":"f/\#($0)"}"# }.joined(separator: ","))]"#)], id: ImportErrorID.postFileIds),
        .init(name: "same create_at twice in a channel", lines: [postWith(""), postWith("").replacingOccurrences(of: "\"hi\"", with: "\"other\"")], id: ImportErrorID.duplicateCreateAt, severity: .warning),
        .init(name: "reply at root time", lines: [reply(#""user":"bob","message":"r","create_at":1700000000000"#)], id: ImportErrorID.duplicateCreateAt, severity: .warning),
        .init(name: "reply before root", lines: [reply(#""user":"bob","message":"r","create_at":1600000000000"#)], id: ImportErrorID.replyNotAfterRoot, severity: .warning),
        .init(name: "reply user missing", lines: [reply(#""message":"r","create_at":1700000000001"#)], id: v + "validate_reply_import_data.user_missing.error"),
        .init(name: "reply message missing", lines: [reply(#""user":"bob","create_at":1700000000001"#)], id: v + "validate_reply_import_data.message_missing.error"),
        .init(name: "reply message long", lines: [reply(#""user":"bob","message":"\#(long(16384))","create_at":1700000000001"#)], id: v + "validate_reply_import_data.message_length.error"),
        .init(name: "reply create_at missing", lines: [reply(#""user":"bob","message":"r""#)], id: v + "validate_reply_import_data.create_at_missing.error"),
        .init(name: "reply create_at zero", lines: [reply(#""user":"bob","message":"r","create_at":0"#)], id: v + "validate_reply_import_data.create_at_zero.error"),
        .init(name: "reply attachment outside data", lines: [reply(#""user":"bob","message":"r","create_at":1700000000001,"attachments":[{"path":"../x"}]"#)], id: v + "validate_reply_import_data.attachment.error"),
        .init(name: "reply props too large", lines: [reply(#""user":"bob","message":"r","create_at":1700000000001,"props":{"p":"\#(long(800_001))"}"#)], id: v + "validate_post_import_data.props_too_large.error"),
        .init(name: "reply by unknown user", lines: [reply(#""user":"zed","message":"r","create_at":1700000000001"#)], id: ImportErrorID.usersNotFound),
        .init(name: "reply type invalid", lines: [reply(#""user":"bob","message":"r","create_at":1700000000001,"type":"system_x_very_long_type_name_here""#)], id: ImportErrorID.postType),
        .init(name: "reaction user missing", lines: [reaction(#""emoji_name":"+1","create_at":1700000000001"#)], id: v + "validate_reaction_import_data.user_missing.error"),
        .init(name: "reaction emoji missing", lines: [reaction(#""user":"bob","create_at":1700000000001"#)], id: v + "validate_reaction_import_data.emoji_name_missing.error"),
        .init(name: "reaction emoji long", lines: [reaction(#""user":"bob","emoji_name":"\#(long(65))","create_at":1700000000001"#)], id: v + "validate_reaction_import_data.emoji_name_length.error"),
        .init(name: "reaction unicode emoji", lines: [reaction(#""user":"bob","emoji_name":"👍","create_at":1700000000001"#)], id: v + "validate_reaction_import_data.emoji_name_invalid.error"),
        .init(name: "reaction create_at missing", lines: [reaction(#""user":"bob","emoji_name":"+1""#)], id: v + "validate_reaction_import_data.create_at_missing.error"),
        .init(name: "reaction create_at zero", lines: [reaction(#""user":"bob","emoji_name":"+1","create_at":0"#)], id: v + "validate_reaction_import_data.create_at_zero.error"),
        .init(name: "reaction before post", lines: [reaction(#""user":"bob","emoji_name":"+1","create_at":1600000000000"#)], id: v + "validate_reaction_import_data.create_at_before_parent.error"),
        .init(name: "reply reaction before reply", lines: [reply(#""user":"bob","message":"r","create_at":1700000000005,"reactions":[{"user":"bob","emoji_name":"+1","create_at":1700000000002}]"#)], id: v + "validate_reaction_import_data.create_at_before_parent.error"),
        .init(name: "reaction by unknown user", lines: [reaction(#""user":"zed","emoji_name":"+1","create_at":1700000000001"#)], id: ImportErrorID.reactionUserNotFound),
    ]

    static let direct: [ValidatorRuleCase] = [
        .init(name: "direct channel without members", lines: [line("direct_channel", #""header":"h""#)], id: v + "validate_direct_channel_import_data.members_required.error"),
        .init(name: "direct channel one member", lines: [line("direct_channel", #""members":["alice"]"#)], id: v + "validate_direct_channel_import_data.members_too_few.error", severity: .warning),
        .init(name: "direct channel nine members", lines: [line("direct_channel", #""members":["alice","bob","c","d","e","f","g","h","i"]"#)], id: v + "validate_direct_channel_import_data.members_too_many.error", severity: .warning),
        .init(name: "direct channel header long", lines: [line("direct_channel", #""members":["alice","bob"],"header":"\#(long(1025))""#)], id: v + "validate_direct_channel_import_data.header_length.error"),
        .init(name: "direct channel unknown favoriter", lines: [line("direct_channel", #""members":["alice","bob"],"favorited_by":["carol"]"#)], id: v + "validate_direct_channel_import_data.unknown_favoriter.error"),
        .init(name: "direct channel unknown member", lines: [line("direct_channel", #""members":["alice","zed"]"#)], id: ImportErrorID.usersNotFound),
        .init(name: "direct post members missing", lines: [directPost(#""user":"alice","message":"m","create_at":1"#)], id: v + "validate_direct_post_import_data.channel_members_required.error"),
        .init(name: "direct post one member", lines: [directPost(#""channel_members":["alice"],"user":"alice","message":"m","create_at":1"#)], id: v + "validate_direct_post_import_data.channel_members_too_few.error"),
        .init(name: "direct post nine members", lines: [directPost(#""channel_members":["alice","bob","c","d","e","f","g","h","i"],"user":"alice","message":"m","create_at":1"#)], id: v + "validate_direct_post_import_data.channel_members_too_many.error"),
        .init(name: "direct post user missing", lines: [directPost(#""channel_members":["alice","bob"],"message":"m","create_at":1"#)], id: v + "validate_direct_post_import_data.user_missing.error"),
        .init(name: "direct post message missing", lines: [directPost(#""channel_members":["alice","bob"],"user":"alice","create_at":1"#)], id: v + "validate_direct_post_import_data.message_missing.error"),
        .init(name: "direct post message long", lines: [directPost(#""channel_members":["alice","bob"],"user":"alice","message":"\#(long(16384))","create_at":1"#)], id: v + "validate_direct_post_import_data.message_length.error"),
        .init(name: "direct post create_at missing", lines: [directPost(#""channel_members":["alice","bob"],"user":"alice","message":"m""#)], id: v + "validate_direct_post_import_data.create_at_missing.error"),
        .init(name: "direct post create_at zero", lines: [directPost(#""channel_members":["alice","bob"],"user":"alice","message":"m","create_at":0"#)], id: v + "validate_direct_post_import_data.create_at_zero.error"),
        .init(name: "direct post unknown flagger", lines: [directPostWith(#""flagged_by":["carol"]"#)], id: v + "validate_direct_post_import_data.unknown_flagger.error"),
        .init(name: "direct post attachment outside data", lines: [directPostWith(#""attachments":[{"path":"../x"}]"#)], id: v + "validate_direct_post_import_data.attachment.error"),
        .init(name: "direct post thread follower empty", lines: [directPostWith(#""thread_followers":[{}]"#)], id: v + "validate_direct_post_import_data.thread_follower.error"),
        .init(name: "direct post unknown member", lines: [directPost(#""channel_members":["alice","zed"],"user":"alice","message":"m","create_at":1"#)], id: ImportErrorID.usersNotFound),
        .init(name: "direct post author not a member", lines: [directPost(#""channel_members":["alice","alice"],"user":"bob","message":"m","create_at":1"#)], id: ImportErrorID.directPostAuthorNotMember, severity: .warning),
        .init(name: "direct posts at the same time", lines: [directPostWith(""), directPost(#""channel_members":["bob","alice"],"user":"bob","message":"x","create_at":1700000000000"#)], id: ImportErrorID.duplicateCreateAt, severity: .warning),
        .init(name: "direct reply before root", lines: [directPostWith(#""replies":[{"user":"bob","message":"r","create_at":1600000000000}]"#)], id: ImportErrorID.replyNotAfterRoot, severity: .warning),
    ]

    static let all = lineLevel + schemesAndRoles + teamsAndChannels + users + botsAndEmoji + posts + direct
}
