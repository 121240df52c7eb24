import SourceToolkit

/// What an XMPP conversion is told besides its input.
public struct XMPPOptions: Sendable {
    public var teamName: String
    public var teamDisplayName: String?
    /// Domain for JIDs stored without one (`--domain`).
    public var domain: String?
    public var userMap: UserMapFile
    /// Skip malformed rows (reported) instead of stopping at the first.
    public var lenient: Bool
    /// Keep only messages at or after this time (ms).
    public var since: Int64?

    public init(teamName: String, teamDisplayName: String? = nil, domain: String? = nil, userMap: UserMapFile = UserMapFile(),
                lenient: Bool = false, since: Int64? = nil) {
        self.teamName = teamName
        self.teamDisplayName = teamDisplayName
        self.domain = domain
        self.userMap = userMap
        self.lenient = lenient
        self.since = since
    }
}
