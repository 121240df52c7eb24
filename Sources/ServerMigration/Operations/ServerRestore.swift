import Foundation

/// `server restore`: checks the whole archive against its manifest, runs the preflight checks,
/// restores database, files and config.json, then verifies the destination against the manifest.
public enum ServerRestore {
    public struct Result: Sendable {
        public var verification: VerificationReport
        /// Bitnami tables renamed to Mattermost's names (canonical name → identifiers renamed).
        public var renamedTables: [String: Int]
        /// Per-table verification (rows, checksum) of an engine-changing migrate, printed by the CLI.
        public var verificationTable: String? = nil
    }

    public static func run(archivePath: String, configPath: String, siteURL: String?, force: Bool, environment: [String: String],
                           log: @escaping @Sendable (String) -> Void) async throws -> Result {
        log("checking \(archivePath)")
        let archive = try BackupArchive(path: archivePath)
        let manifest = archive.manifest
        guard let dump = manifest.database.dump else {
            throw ServerMigrationError.archive(archivePath, "holds no database dump; take a new backup")
        }
        let config = try ServerConfig.load(path: configPath, environment: environment)
        let destination = try ServerDestination(config: config, siteURL: siteURL, force: force, log: log)
        try await destination.prepare(for: SourceSummary(server: manifest.database.server, tableNames: manifest.database.tables.map(\.name),
                                                         fileBytes: manifest.fileStore.totalBytes, restoreId: archive.backupId))
        let counter = ServerProgress.ByteCounter("restoring database", total: dump.size)
        try await destination.restoreDatabase { write in
            try await archive.read(dump.path) { counter.add($0.count); try await write($0) }
        }
        if manifest.fileStore.copied {
            log("restoring \(manifest.fileStore.files.count) files")
            for (index, file) in manifest.fileStore.files.enumerated() {
                ServerProgress.report("restoring files", Int64(index + 1), of: Int64(manifest.fileStore.files.count))
                _ = try await destination.writeStoreFile(relativePath: file.path, mode: 0o640) { write in
                    try await archive.read(ArchiveLayout.filesPrefix + file.path) { try await write($0) }
                }
            }
        }
        var mainConfig: [UInt8] = []
        var otherConfigFiles: [(relativePath: String, mode: Int, bytes: [UInt8])] = []
        for file in manifest.config.files {
            let bytes = try await archive.readAll(ArchiveLayout.configPrefix + file.path)
            if file.path == manifest.config.mainFile { mainConfig = bytes } else {
                otherConfigFiles.append((file.path, Int(try archive.entry(ArchiveLayout.configPrefix + file.path).mode), bytes))
            }
        }
        guard !mainConfig.isEmpty else {
            throw ServerMigrationError.archive(archivePath, "holds no \(manifest.config.mainFile); take a new backup")
        }
        try await destination.writeConfig(sourceConfig: mainConfig, otherFiles: otherConfigFiles)
        return try await verifyAndFinish(destination: destination, manifest: manifest, log: log)
    }

    static func verifyAndFinish(destination: ServerDestination, manifest: BackupManifest, log: @Sendable (String) -> Void) async throws -> Result {
        log("verifying")
        let report = try await ServerVerifier.verify(manifest: manifest, client: destination.client, config: try destination.writtenConfig(), checkFiles: true)
        if report.isClean { destination.finish() }
        log(report.summary)
        return Result(verification: report, renamedTables: destination.renamedTables)
    }
}
