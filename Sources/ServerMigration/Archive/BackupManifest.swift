import Foundation

/// A file stored in the archive or checked on disk: path relative to its root, size, SHA-256.
public struct ArchivedFile: Codable, Sendable, Equatable {
    public var path: String
    public var size: Int64
    public var sha256: String
}

/// Something left out of the backup, with the reason (nothing is dropped silently).
public struct SkippedItem: Codable, Sendable, Equatable {
    public var path: String
    public var reason: String
}

/// A table's row count and, for the core tables, its checksum.
public struct TableSummary: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int64
    public var checksum: String?
}

/// `manifest.json`: what a backup holds and the facts verify compares against.
public struct BackupManifest: Codable, Sendable {
    public static let currentFormat = 1

    public struct Database: Codable, Sendable {
        public var server: DatabaseServerVersion
        public var name: String
        /// MAX(db_migrations.Version), the Mattermost schema version.
        public var schemaVersion: Int64?
        public var migrations: [SchemaMigration]
        public var diagnosticId: String?
        /// `@@lower_case_table_names` of a MySQL source.
        public var lowerCaseTableNames: Int?
        public var tables: [TableSummary]
        /// The dump entry in the archive (nil for `server migrate`, which streams it).
        public var dump: ArchivedFile?
    }

    public struct Config: Codable, Sendable {
        /// The config file's name inside the config directory (normally config.json).
        public var mainFile: String
        /// Files of the source's config directory (config.json, SAML certificates, …).
        public var files: [ArchivedFile]
        /// SHA-256 of FileSettings.PublicLinkSalt and SqlSettings.AtRestEncryptKey: verify checks they
        /// did not change without writing the secrets into the manifest.
        public var publicLinkSaltSHA256: String?
        public var atRestEncryptKeySHA256: String?
    }

    public struct FileStore: Codable, Sendable {
        public var driver: String
        public var directory: String?
        /// False for S3/Azure stores and with --no-files.
        public var copied: Bool
        public var note: String?
        public var files: [ArchivedFile]
        public var totalBytes: Int64
        public var skipped: [SkippedItem]
    }

    public var format: Int
    public var database: Database
    public var config: Config
    public var fileStore: FileStore

    func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(self)) + [0x0a]
    }

    public static func load(path: String) throws -> BackupManifest {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ServerMigrationError("\(path): cannot read manifest; pass the manifest.json of a backup (extract it with tar -xf BACKUP manifest.json)")
        }
        return try decode(data, origin: path)
    }

    static func decode(_ data: Data, origin: String) throws -> BackupManifest {
        do {
            let manifest = try JSONDecoder().decode(BackupManifest.self, from: data)
            guard manifest.format <= currentFormat else {
                throw ServerMigrationError("\(origin): manifest format \(manifest.format) is newer than this mattermove understands; upgrade mattermove")
            }
            return manifest
        } catch let error as ServerMigrationError {
            throw error
        } catch {
            throw ServerMigrationError("\(origin): manifest.json is not a valid mattermove manifest (\(error)); take a new backup")
        }
    }
}

/// Archive entry names.
enum ArchiveLayout {
    static let manifest = "manifest.json"
    static let manifestChecksum = "manifest.json.sha256"
    static let configPrefix = "config/"
    static let filesPrefix = "files/"
}
