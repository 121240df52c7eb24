import ServerMigration

/// `server restore|migrate|verify --json`: the verification as one object.
struct ServerVerificationJSON: Encodable {
    struct Difference: Encodable {
        var item: String, expected: String, actual: String
    }

    var clean: Bool
    var tablesChecked: Int
    var checksumsChecked: Int
    var filesChecked: Int
    var differences: [Difference]
    /// Bitnami tables renamed to Mattermost's names (restore, migrate).
    var renamedTables: [String: Int]

    init(_ report: VerificationReport, renamedTables: [String: Int]) {
        clean = report.isClean
        tablesChecked = report.tablesChecked
        checksumsChecked = report.checksumsChecked
        filesChecked = report.filesChecked
        differences = report.differences.map { Difference(item: $0.item, expected: $0.expected, actual: $0.actual) }
        self.renamedTables = renamedTables
    }

    enum CodingKeys: String, CodingKey {
        case clean, differences
        case tablesChecked = "tables_checked", checksumsChecked = "checksums_checked", filesChecked = "files_checked"
        case renamedTables = "renamed_tables"
    }
}

/// `server backup --json`: the archive and what it holds.
struct ServerBackupJSON: Encodable {
    struct Database: Encodable {
        var product: String, version: String, schemaVersion: Int64?, tables: Int
        enum CodingKeys: String, CodingKey { case product, version, tables, schemaVersion = "schema_version" }
    }

    struct Files: Encodable {
        var count: Int, bytes: Int64, copied: Bool, note: String?, skipped: [SkippedItem]
    }

    var archive: String
    var bytes: Int64
    var database: Database
    var files: Files

    init(_ result: ServerBackup.Result) {
        let manifest = result.manifest
        archive = result.archivePath
        bytes = result.archiveBytes
        database = Database(product: manifest.database.server.product, version: manifest.database.server.version,
                            schemaVersion: manifest.database.schemaVersion, tables: manifest.database.tables.count)
        files = Files(count: manifest.fileStore.files.count, bytes: manifest.fileStore.totalBytes, copied: manifest.fileStore.copied,
                      note: manifest.fileStore.note, skipped: manifest.fileStore.skipped)
    }
}

/// `server fix-table-case --json`: what was renamed.
struct ServerTableCaseJSON: Encodable {
    var output: String?
    var renamed: [String: Int]
    var viewsRecreated: [String]
    var unknownTables: [String]

    enum CodingKeys: String, CodingKey {
        case output, renamed, viewsRecreated = "views_recreated", unknownTables = "unknown_tables"
    }
}
