import Foundation
import Crypto

/// Reads a source server — database facts, config directory, file store — and hands the data to a
/// `BackupSink`. Shared by `server backup` (sink: archive) and `server migrate` (sink: destination).
struct ServerSource {
    let config: ServerConfig
    let client: any DatabaseClient
    let includeFiles: Bool
    let log: @Sendable (String) -> Void
    /// Absolute paths never to read (the archive being written).
    var excludedPaths: Set<String> = []

    init(config: ServerConfig, includeFiles: Bool, log: @escaping @Sendable (String) -> Void) throws {
        self.config = config
        self.client = try makeDatabaseClient(try config.database())
        self.includeFiles = includeFiles
        self.log = log
    }

    func run(into sink: some BackupSink) async throws -> BackupManifest {
        let server = try await client.serverVersion()
        log("source: \(client.endpoint) (\(server.product) \(server.version))")
        var lowerCaseTableNames: Int?
        if let mysql = client as? MySQLClient { lowerCaseTableNames = try await mysql.lowerCaseTableNames() }
        // Counts and checksums run in the database while the dump streams (separate connections).
        async let collectedFacts = DatabaseFacts.collect(client)
        log("dumping \(client.endpoint.database) and computing row counts and checksums")
        let dump: ArchivedFile
        do {
            dump = try await sink.writeDatabase(from: client)
        } catch {
            _ = try? await collectedFacts
            throw error
        }
        let facts = try await collectedFacts
        log("database: \(facts.tables.count) tables, schema version \(facts.migrations.last.map { String($0.version) } ?? "unknown")")

        let configTree = try FileTree.list(root: config.directory, excluding: excludedPaths)
        var configFiles: [ArchivedFile] = []
        for file in configTree.files where !file.relativePath.hasPrefix(".mattermove-") {
            configFiles.append(try await sink.writeConfigFile(file))
        }

        let fileStore = try await copyFileStore(into: sink)
        func secretHash(_ section: String, _ key: String) -> String? {
            config.string(section, key).flatMap { $0.isEmpty ? nil : sha256Hex(Array($0.utf8)) }
        }
        let manifest = BackupManifest(
            format: BackupManifest.currentFormat,
            database: .init(server: server, name: client.endpoint.database, schemaVersion: facts.migrations.map(\.version).max(),
                            migrations: facts.migrations, diagnosticId: facts.diagnosticId,
                            lowerCaseTableNames: lowerCaseTableNames, tables: facts.tables, dump: dump),
            config: .init(mainFile: (config.path as NSString).lastPathComponent, files: configFiles, publicLinkSaltSHA256: secretHash("FileSettings", "PublicLinkSalt"),
                          atRestEncryptKeySHA256: secretHash("SqlSettings", "AtRestEncryptKey")),
            fileStore: fileStore
        )
        try await sink.finish(manifest: manifest)
        return manifest
    }

    func copyFileStore(into sink: some BackupSink) async throws -> BackupManifest.FileStore {
        switch config.fileStore {
        case .remote(let driver, let bucket):
            log("file store: \(driver) bucket \(bucket) stays where it is (not copied)")
            return .init(driver: driver, directory: nil, copied: false, note: "files stay in the \(driver) store \(bucket); point the destination at the same bucket",
                         files: [], totalBytes: 0, skipped: [])
        case .local(let directory):
            guard includeFiles else {
                log("file store: \(directory) not copied (--no-files)")
                return .init(driver: "local", directory: directory, copied: false, note: "not copied (--no-files)", files: [], totalBytes: 0, skipped: [])
            }
            let tree = try FileTree.list(root: directory, excluding: excludedPaths, ignoring: ["testfile"])
            log("file store: \(tree.files.count) files, \(tree.files.reduce(0) { $0 + $1.size }) bytes from \(directory)")
            var files: [ArchivedFile] = []
            for (index, file) in tree.files.enumerated() {
                files.append(try await sink.writeStoreFile(file))
                ServerProgress.report("copying files", Int64(index + 1), of: Int64(tree.files.count))
            }
            for item in tree.skipped { log("skipped \(item.path): \(item.reason)") }
            return .init(driver: "local", directory: directory, copied: true, note: nil, files: files,
                         totalBytes: files.reduce(0) { $0 + $1.size }, skipped: tree.skipped)
        }
    }
}

/// Where `ServerSource` sends the data.
protocol BackupSink {
    func writeDatabase(from client: any DatabaseClient) async throws -> ArchivedFile
    func writeConfigFile(_ file: FoundFile) async throws -> ArchivedFile
    func writeStoreFile(_ file: FoundFile) async throws -> ArchivedFile
    func finish(manifest: BackupManifest) async throws
}

/// The database facts that backup records and verify compares.
struct DatabaseFacts {
    var tables: [TableSummary]
    var migrations: [SchemaMigration]
    var diagnosticId: String?

    static func collect(_ client: any DatabaseClient) async throws -> DatabaseFacts {
        let names = try await client.tableNames()
        let counts = try await client.rowCounts(tables: names)
        let checksummed = Set(MattermostTableNames.checksummed.compactMap { names.table(named: $0) })
        var tables: [TableSummary] = []
        for (index, name) in names.enumerated() {
            ServerProgress.report("checking tables", Int64(index + 1), of: Int64(names.count))
            let checksum = checksummed.contains(name) ? try await client.tableChecksum(table: name) : nil
            tables.append(TableSummary(name: name, rows: counts[name] ?? -1, checksum: checksum))
        }
        var migrations: [SchemaMigration] = []
        if let table = names.table(named: "db_migrations") { migrations = try await client.migrations(table: table) }
        var diagnosticId: String?
        if let table = names.table(named: "Systems") { diagnosticId = try await client.systemValue(table: table, name: "DiagnosticId") }
        return DatabaseFacts(tables: tables, migrations: migrations, diagnosticId: diagnosticId)
    }
}
