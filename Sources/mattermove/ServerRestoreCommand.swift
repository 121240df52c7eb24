import ArgumentParser
import ServerMigration

struct ServerRestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore a backup into the server of --config after preflight checks, then verify it."
    )

    @Argument(help: "The backup archive written by `server backup`.")
    var backup: String

    @Option(name: .long, help: "The destination's config.json; its host settings are kept.")
    var config: String

    @OptionGroup var destination: ServerDestinationOptions

    @Option(name: .long, help: "File holding the destination database password.")
    var passwordFile: String?

    @OptionGroup var summary: ServerJSONOption

    func run() async throws {
        try await ServerCommandSupport.run {
            let result = try await ServerRestore.run(archivePath: backup, configPath: config, siteURL: destination.siteUrl, force: destination.force,
                                                     environment: ServerCommandSupport.environment(passwordFile: passwordFile),
                                                     log: ServerCommandSupport.log)
            if !result.renamedTables.isEmpty, !summary.json { print("renamed \(result.renamedTables.count) Bitnami tables to Mattermost's names") }
            try ServerCommandSupport.finish(with: result.verification, renamedTables: result.renamedTables, json: summary.json)
        }
    }
}
