import MigrationCore

/// Resolves mentions against the staging store, so they carry the FINAL Mattermost names. Users absent
/// from the export become deactivated placeholders (created by the staging store); users the reader
/// leaves out on purpose (e.g. guests under `--guest-handling skip`) keep their source handle as text.
public final class StagingNameResolver: NameResolver {
    public let staging: MigrationStaging
    /// Source id → source handle of users that are not imported.
    public var skippedUsers: [String: String] = [:]

    public init(staging: MigrationStaging) {
        self.staging = staging
    }

    /// Whether `id` is a user left out on purpose. Checked per message: an empty table is not hashed into.
    public func isSkipped(_ id: String) -> Bool {
        !skippedUsers.isEmpty && skippedUsers[id] != nil
    }

    public func username(forUserID id: String) -> String {
        if let name = staging.username(forUserID: id) { return name }
        if let handle = skippedUsers[id] { return handle }
        return staging.resolveUsername(forUserID: id)
    }

    public func channelName(forChannelID id: String) -> String? {
        staging.channelName(forChannelID: id)
    }
}
