import ArgumentParser
import ServerMigration

struct ServerMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Backup + restore + verify streamed end to end, without an intermediate archive.",
        discussion: "When the source runs MySQL/MariaDB and the destination PostgreSQL, the data is converted into the schema the destination Mattermost created (same schema version required), then verified table by table."
    )

    @Option(name: .long, help: "The source server's config.json.")
    var from: String

    @Option(name: .long, help: "The destination server's config.json.")
    var to: String

    @OptionGroup var destination: ServerDestinationOptions

    @Flag(name: .long, help: "Leave the file store out.")
    var noFiles = false

    @OptionGroup var summary: ServerJSONOption

    func run() async throws {
        try await ServerCommandSupport.run {
            let result = try await ServerMigrate.run(fromConfigPath: from, toConfigPath: to, siteURL: destination.siteUrl, force: destination.force,
                                                     includeFiles: !noFiles, log: ServerCommandSupport.log)
            if let table = result.verificationTable, !summary.json { print(table) }
            if !result.renamedTables.isEmpty, !summary.json { print("renamed \(result.renamedTables.count) Bitnami tables to Mattermost's names") }
            try ServerCommandSupport.finish(with: result.verification, renamedTables: result.renamedTables, json: summary.json)
        }
    }
}
