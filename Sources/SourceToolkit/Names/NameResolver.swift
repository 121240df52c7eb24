/// Gives a reader's markup converter the FINAL Mattermost names of mentioned users and channels, so
/// mentions in imported text point at the names the package will create.
public protocol NameResolver {
    /// The Mattermost username for Slack user `id` (never empty).
    func username(forUserID id: String) -> String
    /// The Mattermost channel name for Slack channel `id`, or `nil` when the channel is not imported.
    func channelName(forChannelID id: String) -> String?
}

/// A resolver backed by fixed tables (tests, `inspect`).
public struct FixedNameResolver: NameResolver, Sendable {
    public var users: [String: String]
    public var channels: [String: String]

    public init(users: [String: String] = [:], channels: [String: String] = [:]) {
        self.users = users
        self.channels = channels
    }

    public func username(forUserID id: String) -> String { users[id] ?? id.lowercased() }
    public func channelName(forChannelID id: String) -> String? { channels[id] }
}
