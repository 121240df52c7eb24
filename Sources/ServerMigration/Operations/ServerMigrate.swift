import Foundation

/// `server migrate`: backup and restore streamed end to end — pg_dump/mysqldump piped into
/// pg_restore/mysql, files copied directly — then verified, with no intermediate archive.
public enum ServerMigrate {
    public static func run(fromConfigPath: String, toConfigPath: String, siteURL: String?, force: Bool, includeFiles: Bool,
                           log: @escaping @Sendable (String) -> Void) async throws -> ServerRestore.Result {
        // Environment overrides would apply to both servers alike, so neither gets them here.
        let sourceConfig = try ServerConfig.load(path: fromConfigPath, environment: [:])
        let destinationConfig = try ServerConfig.load(path: toConfigPath, environment: [:])
        guard sourceConfig.path != destinationConfig.path else {
            throw ServerMigrationError("\(toConfigPath): --from and --to name the same config file; pass the destination server's config.json")
        }
        if try sourceConfig.database().kind != destinationConfig.database().kind {
            return try await EngineChangeMigration.run(sourceConfig: sourceConfig, destinationConfig: destinationConfig, siteURL: siteURL,
                                                       force: force, includeFiles: includeFiles, log: log)
        }
        let source = try ServerSource(config: sourceConfig, includeFiles: includeFiles, log: log)
        let destination = try ServerDestination(config: destinationConfig, siteURL: siteURL, force: force, log: log)
        var fileBytes: Int64 = 0
        if includeFiles, case .local(let directory) = sourceConfig.fileStore {
            fileBytes = try FileTree.list(root: directory).files.reduce(0) { $0 + $1.size }
        }
        let restoreId = "migrate-" + sha256Hex(Array("\(source.client.endpoint)|\(sourceConfig.path)".utf8))
        try await destination.prepare(for: SourceSummary(server: try await source.client.serverVersion(), tableNames: try await source.client.tableNames(),
                                                         fileBytes: fileBytes, restoreId: restoreId))
        let sink = MigrateSink(destination: destination, sourceConfigName: (sourceConfig.path as NSString).lastPathComponent,
                               copiesOtherConfigFiles: sourceConfig.directory != destinationConfig.directory)
        let manifest = try await source.run(into: sink)
        return try await ServerRestore.verifyAndFinish(destination: destination, manifest: manifest, log: log)
    }
}

/// Sends what `ServerSource` reads straight into the destination.
final class MigrateSink: BackupSink {
    private let destination: ServerDestination
    private let sourceConfigName: String
    private let copiesOtherConfigFiles: Bool
    private var mainConfig: [UInt8] = []
    private var otherConfigFiles: [(relativePath: String, mode: Int, bytes: [UInt8])] = []

    init(destination: ServerDestination, sourceConfigName: String, copiesOtherConfigFiles: Bool) {
        self.destination = destination
        self.sourceConfigName = sourceConfigName
        self.copiesOtherConfigFiles = copiesOtherConfigFiles
    }

    func writeDatabase(from client: any DatabaseClient) async throws -> ArchivedFile {
        var digest = StreamDigest()
        let counter = ServerProgress.ByteCounter("copying database")
        try await destination.restoreDatabase { write in
            try await client.dump { chunk in
                digest.update(chunk)
                counter.add(chunk.count)
                try await write(chunk)
            }
        }
        return digest.archivedFile(path: client.dumpEntryName)
    }

    /// Config files are small; they are kept until `finish` so config.json is written last.
    func writeConfigFile(_ file: FoundFile) async throws -> ArchivedFile {
        var bytes: [UInt8] = []
        try await FileTree.read(file.absolutePath) { bytes += $0 }
        if file.relativePath == sourceConfigName {
            mainConfig = bytes
        } else if copiesOtherConfigFiles {
            otherConfigFiles.append((file.relativePath, file.mode, bytes))
        }
        return ArchivedFile(path: file.relativePath, size: Int64(bytes.count), sha256: sha256Hex(bytes))
    }

    func writeStoreFile(_ file: FoundFile) async throws -> ArchivedFile {
        try await destination.writeStoreFile(relativePath: file.relativePath, mode: file.mode) { write in
            try await FileTree.read(file.absolutePath) { try await write($0) }
        }
    }

    func finish(manifest: BackupManifest) async throws {
        try await writeCollectedConfig()
    }

    /// Writes the destination config.json from the collected source config files.
    func writeCollectedConfig() async throws {
        try await destination.writeConfig(sourceConfig: mainConfig, otherFiles: otherConfigFiles)
    }
}
