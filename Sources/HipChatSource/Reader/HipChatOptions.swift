import MattermostImport

/// How a HipChat export is converted (the shared convert options that the reader needs).
public struct HipChatOptions: Sendable {
    public var teamName: String
    public var teamDisplayName: String?
    public var skipAttachments = false
    /// Keep only messages at or after this time (ms since the epoch).
    public var since: Int64?
    /// Skip malformed entries and messages (reported) instead of stopping.
    public var lenient = false
    public var maxJSONElementBytes = JSONArrayStream.defaultMaxElementBytes

    public init(teamName: String, teamDisplayName: String? = nil, skipAttachments: Bool = false, since: Int64? = nil,
                lenient: Bool = false) {
        self.teamName = teamName
        self.teamDisplayName = teamDisplayName
        self.skipAttachments = skipAttachments
        self.since = since
        self.lenient = lenient
    }
}
