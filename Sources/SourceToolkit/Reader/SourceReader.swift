import MigrationCore

/// What every source reader supplies, and in which order the conversion runner asks for it.
///
/// A reader knows one export format and nothing about Mattermost's rules: it turns what it reads into
/// the intermediate model (`SourceTeam`, `SourceUser`, `SourceChannel`, `SourceDirectConversation`,
/// `SourceEmoji`, `SourceMessage`) and adds it to the staging store, which applies names, limits and
/// threads. Whatever it cannot convert it records with `staging.recordSkipped`/`recordChanged` and a
/// reason, so the report balances (messages in = posts out + skipped).
///
/// The runner calls the `stage…` methods once each, in declaration order: teams before the users and
/// channels that name them, users before the conversations whose members they are (a member seen only
/// later still works: staging creates a placeholder), conversations before their messages. Messages
/// may come in any order within and across conversations; staging sorts threads and times itself.
public protocol SourceReader: AnyObject {
    /// The source's name in the report and the package's version line (`slack`, `pidgin`, …).
    var sourceName: String { get }

    /// Where the exporter reads the bytes of the files the reader staged (`nil`: the source has none).
    var files: (any SourceFileReader)? { get }

    /// Adds the teams (usually one, named by `--team`).
    func stageTeams(into staging: MigrationStaging) throws

    /// Adds the users, bots and guests the export lists.
    func stageUsers(into staging: MigrationStaging) throws

    /// Adds channels and direct/group conversations with their members.
    func stageConversations(into staging: MigrationStaging) throws

    /// Adds custom emoji with their images (most sources have none).
    func stageEmoji(into staging: MigrationStaging) throws

    /// Adds every message (streamed: never all in memory), reporting progress as it goes.
    func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws
}

extension SourceReader {
    public var files: (any SourceFileReader)? { nil }
    public func stageEmoji(into staging: MigrationStaging) throws {}
}

/// Progress of a long phase: its name, how many units are done and how many there are (0: unknown).
public typealias ConversionProgress = @Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void
