import MattermostImport
import Foundation

/// What the destination needs to know about the source before anything is written.
struct SourceSummary {
    var server: DatabaseServerVersion
    var tableNames: [String]
    var fileBytes: Int64
    /// Identifies this restore, so a rerun after a crash recognises its own half-restored database.
    var restoreId: String
}

/// The destination server: preflight checks, then database, files and config.json.
final class ServerDestination {
    let config: ServerConfig
    let client: any DatabaseClient
    let siteURL: String?
    let force: Bool
    let log: @Sendable (String) -> Void
    private(set) var appliesTableCase = false
    private(set) var renamedTables: [String: Int] = [:]

    /// Written before the restore starts and removed once it verified; its presence means "the
    /// database may hold our own half-finished restore".
    var stateFilePath: String { (config.directory as NSString).appendingPathComponent(".mattermove-restore-state") }

    init(config: ServerConfig, siteURL: String?, force: Bool, log: @escaping @Sendable (String) -> Void) throws {
        self.config = config
        self.client = try makeDatabaseClient(try config.database())
        self.siteURL = siteURL
        self.force = force
        self.log = log
    }

    /// Checks type and version, reachability, emptiness and disk space, then prepares an empty database.
    func prepare(for source: SourceSummary) async throws {
        let server = try await client.serverVersion() // also proves the destination is reachable
        log("destination: \(client.endpoint) (\(server.product) \(server.version))")
        guard server.kind == source.server.kind, server.product == source.server.product, server.major == source.server.major else {
            throw ServerMigrationError("destination \(client.endpoint) runs \(server.product) \(server.major) but the source is \(source.server.product) \(source.server.major); database type and major version must match — install \(source.server.product) \(source.server.major) on the destination")
        }
        let collisions = source.tableNames.filter { name in
            MattermostTableNames.canonicalName(for: name).map { source.tableNames.contains($0) } ?? false
        }
        guard collisions.isEmpty else {
            throw ServerMigrationError("the source holds both lower-case and canonical tables (\(collisions.joined(separator: ", "))); something was already restored wrongly — clean up the source first")
        }
        if let mysql = client as? MySQLClient, source.tableNames.contains(where: { MattermostTableNames.canonicalName(for: $0) != nil }) {
            let mode = try await mysql.lowerCaseTableNames()
            appliesTableCase = mode == 0
            log(appliesTableCase
                ? "source has Bitnami lower-case table names; restoring them with Mattermost's names (destination lower_case_table_names=0)"
                : "source has lower-case table names; destination lower_case_table_names=\(mode) handles them as they are")
        }
        if case .local(let directory) = config.fileStore, let free = freeDiskBytes(at: directory) {
            let needed = source.fileBytes + source.fileBytes / 10
            guard free >= needed else {
                throw ServerMigrationError("not enough disk space for the file store at \(directory): need \(needed) bytes, \(free) free; free space or point FileSettings.Directory elsewhere")
            }
        }
        if try await !client.isEmpty() {
            let resuming = (try? String(contentsOfFile: stateFilePath, encoding: .utf8)) == source.restoreId
            if resuming {
                log("resuming an interrupted restore: clearing the partly restored database")
            } else if force {
                log("--force: dropping everything in \(client.endpoint)")
            } else {
                throw ServerMigrationError("destination \(client.endpoint) is not empty; restore only into an empty database, or pass --force to replace everything in it")
            }
            try writeFileAtomically(Array(source.restoreId.utf8), to: stateFilePath, mode: 0o600)
            try await client.dropAllObjects()
        } else {
            try writeFileAtomically(Array(source.restoreId.utf8), to: stateFilePath, mode: 0o600)
        }
    }

    /// Restores a dump streamed by `producer`, renaming Bitnami tables on the way when needed.
    func restoreDatabase(producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void) async throws {
        log("restoring database into \(client.endpoint)")
        guard appliesTableCase else {
            try await client.restore(producer: producer)
            return
        }
        let rewriter = MySQLTableNameRewriter()
        try await client.restore { write in
            try await withoutActuallyEscaping(write) { write in
                try await producer { chunk in
                    let rewritten = rewriter.process(chunk)
                    if !rewritten.isEmpty { try await write(rewritten) }
                }
                let tail = rewriter.finish()
                if !tail.isEmpty { try await write(tail) }
            }
        }
        renamedTables = rewriter.renamed
        log("renamed \(rewriter.renamed.count) tables to Mattermost's names" + (rewriter.unknownTables.isEmpty ? "" : "; left unknown tables alone: \(rewriter.unknownTables.sorted().joined(separator: ", "))"))
    }

    /// Writes one file-store file (temp file + rename) and returns its size and SHA-256.
    func writeStoreFile(relativePath: String, mode: Int, producer: (([UInt8]) async throws -> Void) async throws -> Void) async throws -> ArchivedFile {
        guard case .local(let root) = config.fileStore else {
            throw ServerMigrationError("\(config.path): FileSettings.DriverName is not local, but the backup holds local files; set the destination to a local file store or restore with files skipped")
        }
        return try await Self.writeFile(root: root, relativePath: relativePath, mode: mode, producer: producer)
    }

    static func writeFile(root: String, relativePath: String, mode: Int, producer: (([UInt8]) async throws -> Void) async throws -> Void) async throws -> ArchivedFile {
        let path = (root as NSString).appendingPathComponent(try FileTree.safeRelativePath(relativePath, origin: root))
        try createDirectories((path as NSString).deletingLastPathComponent)
        let temporary = path + ".mattermove-tmp"
        let file = try RawFile(creating: temporary, mode: mode_t(mode & 0o777))
        var digest = StreamDigest()
        try await producer { chunk in
            digest.update(chunk)
            try file.write(chunk)
        }
        try renameFile(temporary, to: path)
        return digest.archivedFile(path: relativePath)
    }

    /// Writes the destination config.json: the source's settings with the destination's host keys.
    /// The destination's original is kept once as `<name>.before-mattermove`.
    func writeConfig(sourceConfig bytes: [UInt8], otherFiles: [(relativePath: String, mode: Int, bytes: [UInt8])]) async throws {
        guard case .object(let source) = try JSONParser.parseKeepingNumberText(Array(bytes)) else {
            throw ServerMigrationError("the source's config.json is not a JSON object; fix it on the source and back up again")
        }
        let merged = ConfigMerge.merge(source: source, destination: config.json, siteURL: siteURL)
        let original = config.path + ".before-mattermove"
        if !FileManager.default.fileExists(atPath: original), let current = FileManager.default.contents(atPath: config.path) {
            try writeFileAtomically(Array(current), to: original, mode: 0o600)
        }
        var info = stat()
        let mode = stat(config.path, &info) == 0 ? info.st_mode & 0o777 : 0o600
        for file in otherFiles where file.relativePath != (config.path as NSString).lastPathComponent {
            _ = try await Self.writeFile(root: config.directory, relativePath: file.relativePath, mode: file.mode) { try await $0(file.bytes) }
        }
        try writeFileAtomically(Array(JSONPrettyPrinter.text(.object(merged)).utf8), to: config.path, mode: mode)
        log("wrote \(config.path) (source settings, destination host settings\(siteURL.map { ", SiteURL \($0)" } ?? ""))")
    }

    /// Reloads the config just written (it now holds the source's salts) for verification.
    func writtenConfig() throws -> ServerConfig {
        try ServerConfig.load(path: config.path, environment: config.environment)
    }

    func finish() {
        unlink(stateFilePath)
    }
}
