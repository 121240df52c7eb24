/// Error ids the validator reports (spec §16). Mattermost's own ids where it has one; ids starting with
/// `mattermove.` name checks Mattermost does not make offline (references, duplicates, container,
/// dedupe hazards) but which decide whether an import succeeds and can be re-run safely.
public enum ImportErrorID {
    // Line level (§1.3, §1.4, §1.5).
    public static let jsonDecode = "app.import.bulk_import.json_decode.error"
    public static let fileScan = "app.import.bulk_import.file_scan.error"
    public static let invalidVersion = "app.import.process_import_data_file_version_line.invalid_version.error"
    public static let unsupportedVersion = "app.import.bulk_import.unsupported_version.error"
    public static let unknownLineType = "app.import.import_line.unknown_line_type.error"
    public static func nullPayload(_ type: String) -> String { "app.import.import_line.null_\(type).error" }

    static func scheme(_ rule: String) -> String { "app.import.validate_scheme_import_data.\(rule).error" }
    static func role(_ rule: String) -> String { "app.import.validate_role_import_data.\(rule).error" }
    static func team(_ rule: String) -> String { "app.import.validate_team_import_data.\(rule).error" }
    static func channel(_ rule: String) -> String { "app.import.validate_channel_import_data.\(rule).error" }
    static func user(_ rule: String) -> String { "app.import.validate_user_import_data.\(rule).error" }
    static func userTeams(_ rule: String) -> String { "app.import.validate_user_teams_import_data.\(rule).error" }
    static func userChannels(_ rule: String) -> String { "app.import.validate_user_channels_import_data.\(rule).error" }
    static func bot(_ rule: String) -> String { "app.import.validate_bot_import_data.\(rule).error" }
    static func emoji(_ rule: String) -> String { "app.import.validate_emoji_import_data.\(rule).error" }
    static func post(_ rule: String) -> String { "app.import.validate_post_import_data.\(rule).error" }
    static func reply(_ rule: String) -> String { "app.import.validate_reply_import_data.\(rule).error" }
    static func reaction(_ rule: String) -> String { "app.import.validate_reaction_import_data.\(rule).error" }
    static func threadFollower(_ rule: String) -> String { "app.import.validate_thread_follower_data.\(rule).error" }
    static func directChannel(_ rule: String) -> String { "app.import.validate_direct_channel_import_data.\(rule).error" }
    static func directPost(_ rule: String) -> String { "app.import.validate_direct_post_import_data.\(rule).error" }

    public static let attachmentInvalidPath = "app.import.validate_attachment_import_data.invalid_path.error"
    public static let emojiName = "model.emoji.name.app_error"
    public static let systemEmojiName = "model.emoji.system_emoji_name.app_error"
    public static let customStatus = "app.import.custom_status.error"

    // Save-time model rules (§18 stage 4).
    public static let userEmailInvalid = "model.user.is_valid.email.app_error"
    public static let userLocaleInvalid = "model.user.is_valid.locale.app_error"
    public static let userRolesTooLong = "model.user.is_valid.roles_limit.app_error"
    public static let emailExists = "app.user.save.email_exists.app_error"
    public static let channelNameShape = "model.channel.is_valid.name.app_error"
    public static let postType = "model.post.is_valid.type.app_error"
    public static let postFileIds = "model.post.is_valid.file_ids.app_error"

    // Referential integrity (§18 stage 5), with the import-stage ids Mattermost fails with.
    public static let channelTeamNotFound = "app.import.import_channel.team_not_found.error"
    public static let teamsNotFound = "app.import.get_teams_by_names.some_teams_not_found.error"
    public static let usersNotFound = "app.import.get_users_by_username.some_users_not_found.error"
    public static let userChannelNotFound = "app.import.import_user_channels.channel_not_found.error"
    public static let postChannelNotFound = "app.import.import_post.channel_not_found.error"
    public static let reactionUserNotFound = "app.import.import_post.user_not_found.error"
    public static let botOwnerNotFound = "app.import.import_bot.owner_could_not_found.error"
    public static let teamSchemeWrongScope = "app.import.import_team.scheme_wrong_scope.error"
    public static let channelSchemeWrongScope = "app.import.import_channel.scheme_wrong_scope.error"
    public static let schemeNotFound = "mattermove.reference.scheme_not_found"
    public static let directPostAuthorNotMember = "mattermove.reference.direct_post_author_not_member"

    // Portability and consistency hints (warnings).
    public static let upperCaseName = "mattermove.name.upper_case"
    public static let customStatusTextTruncated = "mattermove.user.custom_status_text_truncated"
    public static let versionInfoAdditional = "mattermove.version.info_additional"
    public static let unknownChannelOfExistingTeam = "mattermove.reference.channel_of_existing_team"

    // Duplicates inside the file (§18 stage 5).
    public static let duplicateTeam = "mattermove.duplicate.team"
    public static let duplicateChannel = "mattermove.duplicate.channel"
    public static let duplicateUser = "mattermove.duplicate.username"
    public static let duplicateEmoji = "mattermove.duplicate.emoji"
    public static let duplicateScheme = "mattermove.duplicate.scheme"
    public static let duplicateRole = "mattermove.duplicate.role"

    // Dedupe hazards (§14): warnings, errors with `strict`.
    public static let duplicateCreateAt = "mattermove.dedupe.duplicate_create_at"
    public static let replyNotAfterRoot = "mattermove.dedupe.reply_not_after_root"

    // Container (§1.2, §18 stage 1).
    public static let jsonlNotFirst = "mattermove.container.jsonl_not_first"
    public static let extraJSONL = "mattermove.container.extra_jsonl"
    public static let macOSMetadata = "mattermove.container.macosx_entry"
    public static let unusedFile = "mattermove.container.unused_file"
    public static let attachmentMissing = "mattermove.container.attachment_missing"
    public static let emojiImageMissing = "app.import.emoji.bad_file.error"
    public static let profileImageMissing = "app.import.validate_user_import_data.profile_image.error"
    public static let notNFC = "mattermove.container.name_not_nfc"
    public static let missingUTF8Flag = "mattermove.container.name_without_utf8_flag"
    public static let bareJSONL = "mattermove.container.bare_jsonl"
    public static let unsafeEntryName = "mattermove.container.unsafe_entry_name"
    public static let findingsOmitted = "mattermove.findings_omitted"
}
