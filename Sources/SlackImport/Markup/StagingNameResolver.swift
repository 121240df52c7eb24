import MigrationCore

/// Resolves mentions against the staging store, so they carry the FINAL Mattermost names. Users absent
/// from the export become deactivated placeholders (created by the staging store); guests left out by
/// `--guest-handling skip` keep their Slack handle as plain text.
final class StagingNameResolver: SlackNameResolver {
    let staging: MigrationStaging
    /// Slack id → Slack handle of guests that are not imported.
    var skippedGuests: [String: String] = [:]

    init(staging: MigrationStaging) {
        self.staging = staging
    }

    func username(forUserID id: String) -> String {
        if let name = staging.username(forUserID: id) { return name }
        if let handle = skippedGuests[id] { return handle }
        return staging.resolveUsername(forUserID: id)
    }

    func channelName(forChannelID id: String) -> String? {
        staging.channelName(forChannelID: id)
    }
}
