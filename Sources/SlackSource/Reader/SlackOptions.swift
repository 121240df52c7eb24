import MattermostImport

/// How a Slack export is converted (the `convert slack` flags that concern reading).
public struct SlackOptions: Sendable {
    public enum GuestHandling: String, Sendable, CaseIterable {
        /// Import guests as Mattermost guests.
        case guest
        /// Import guests as regular users.
        case user
        /// Leave guests and everything they wrote out (counted in the report).
        case skip
    }

    public enum SystemMessages: String, Sendable, CaseIterable {
        /// Join/leave/topic/purpose/rename/archive become Mattermost system posts.
        case post
        /// They are left out (counted in the report).
        case skip
    }

    /// Team name for a standard export (the workspace).
    public var teamName: String
    public var teamDisplayName: String?
    public var guestHandling: GuestHandling
    public var systemMessages: SystemMessages
    public var skipAttachments: Bool
    /// Keep only messages at or after this time (ms since the epoch).
    public var since: Int64?
    /// Skip malformed day files (listed in the report) instead of stopping.
    public var lenient: Bool
    /// Enterprise Grid: workspace folder (or workspace id `T…`) → Mattermost team name.
    public var teamMap: [String: String]
    /// Files fetched by `--download-files`: Slack file id → local file path.
    public var downloadedFiles: [String: String]
    /// Files `--download-files` could not fetch: Slack file id → reason.
    public var downloadFailures: [String: String] = [:]
    /// Largest message or list entry read from a JSON file (bytes): what bounds memory, since files are
    /// read one element at a time. Larger ones make the file malformed (`--max-json-element-size`).
    public var maxJSONElementBytes = JSONArrayStream.defaultMaxElementBytes

    public init(teamName: String, teamDisplayName: String? = nil, guestHandling: GuestHandling = .guest,
                systemMessages: SystemMessages = .post, skipAttachments: Bool = false, since: Int64? = nil,
                lenient: Bool = false, teamMap: [String: String] = [:], downloadedFiles: [String: String] = [:]) {
        self.teamName = teamName
        self.teamDisplayName = teamDisplayName
        self.guestHandling = guestHandling
        self.systemMessages = systemMessages
        self.skipAttachments = skipAttachments
        self.since = since
        self.lenient = lenient
        self.teamMap = teamMap
        self.downloadedFiles = downloadedFiles
    }
}
