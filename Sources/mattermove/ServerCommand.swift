import ArgumentParser

/// `mattermove server …`: move a whole Mattermost server (database, config, files) between hosts.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Back up, restore, verify and migrate a whole Mattermost server.",
        subcommands: [
            ServerBackupCommand.self, ServerRestoreCommand.self, ServerVerifyCommand.self,
            ServerMigrateCommand.self, ServerFixTableCaseCommand.self,
        ]
    )
}
