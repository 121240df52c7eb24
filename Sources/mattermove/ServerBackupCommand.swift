import ArgumentParser
import Foundation
import ServerMigration

struct ServerBackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Write database dump, config directory, file store and manifest into one archive (mode 0600)."
    )

    @Option(name: .long, help: "The server's config.json (MM_* environment overrides apply).")
    var config: String

    @Option(name: .long, help: "Archive to write (default: mattermost-backup-<UTC time>.tar).")
    var output: String?

    @Flag(name: .long, help: "Leave the file store out.")
    var noFiles = false

    @Option(name: .long, help: "File holding the database password (instead of the one in the DSN).")
    var passwordFile: String?

    @OptionGroup var summary: ServerJSONOption

    func run() async throws {
        try await ServerCommandSupport.run {
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyyMMdd-HHmmss"
            formatter.timeZone = TimeZone(identifier: "UTC")
            let path = output ?? "mattermost-backup-\(formatter.string(from: Date())).tar"
            let result = try await ServerBackup.run(configPath: config, outputPath: path, includeFiles: !noFiles,
                                                    environment: ServerCommandSupport.environment(passwordFile: passwordFile),
                                                    log: ServerCommandSupport.log)
            if summary.json { return try ServerCommandSupport.printJSON(ServerBackupJSON(result)) }
            let manifest = result.manifest
            print("backup: \(result.archivePath) (\(result.archiveBytes) bytes)")
            print("database: \(manifest.database.server.product) \(manifest.database.server.version), schema version \(manifest.database.schemaVersion.map(String.init) ?? "unknown"), \(manifest.database.tables.count) tables")
            print("files: \(manifest.fileStore.files.count) (\(manifest.fileStore.totalBytes) bytes)" + (manifest.fileStore.note.map { "; \($0)" } ?? ""))
            if !manifest.fileStore.skipped.isEmpty {
                print("skipped: \(manifest.fileStore.skipped.count) (" + manifest.fileStore.skipped.map { "\($0.path): \($0.reason)" }.joined(separator: "; ") + ")")
            }
        }
    }
}
