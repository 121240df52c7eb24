import ArgumentParser
import ServerMigration

struct ServerMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Backup + restore + verify streamed end to end, without an intermediate archive."
    )

    @Option(name: .long, help: "The source server's config.json.")
    var from: String

    @Option(name: .long, help: "The destination server's config.json.")
    var to: String

    @Option(name: .long, help: "New ServiceSettings.SiteURL for the destination.")
    var siteUrl: String?

    @Flag(name: .long, help: "Replace everything in a non-empty destination database.")
    var force = false

    @Flag(name: .long, help: "Leave the file store out.")
    var noFiles = false

    func run() async throws {
        try await ServerCommandSupport.run {
            let result = try await ServerMigrate.run(fromConfigPath: from, toConfigPath: to, siteURL: siteUrl, force: force,
                                                     includeFiles: !noFiles, log: ServerCommandSupport.log)
            if !result.renamedTables.isEmpty { print("renamed \(result.renamedTables.count) Bitnami tables to Mattermost's names") }
            try ServerCommandSupport.finish(with: result.verification)
        }
    }
}
