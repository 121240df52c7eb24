import Foundation

/// `server backup`: one streamed tar archive (mode 0600) with the database dump, the config
/// directory, the file store and manifest.json; written to a temporary name and renamed when complete.
public enum ServerBackup {
    public struct Result: Sendable {
        public var archivePath: String
        public var archiveBytes: Int64
        public var manifest: BackupManifest
    }

    public static func run(configPath: String, outputPath: String, includeFiles: Bool, environment: [String: String],
                           log: @escaping @Sendable (String) -> Void) async throws -> Result {
        let config = try ServerConfig.load(path: configPath, environment: environment)
        let output = URL(fileURLWithPath: outputPath).standardizedFileURL.path
        let temporary = output + ".partial"
        var source = try ServerSource(config: config, includeFiles: includeFiles, log: log)
        source.excludedPaths = [output, temporary]
        let writer = try TarWriter(path: temporary)
        let manifest: BackupManifest
        do {
            manifest = try await source.run(into: ArchiveSink(writer: writer))
            try renameFile(temporary, to: output)
        } catch {
            unlink(temporary)
            throw error
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int64) ?? 0
        log("backup written: \(output) (\(size ?? 0) bytes)")
        return Result(archivePath: output, archiveBytes: size ?? 0, manifest: manifest)
    }
}
