import DatabaseClients

/// The engine and version of a database server.
public struct DatabaseServerVersion: Codable, Sendable, Equatable {
    public var kind: DatabaseKind
    /// "PostgreSQL", "MySQL" or "MariaDB".
    public var product: String
    public var version: String
    /// The part that must match between source and destination: "15" for PostgreSQL 15.x, "8.0" or "10.11".
    public var major: String
}

/// One applied Mattermost schema migration (`db_migrations` row).
public struct SchemaMigration: Codable, Sendable, Equatable {
    public var version: Int64
    public var name: String
}

/// Everything backup, restore and verify need from a database, written once for both engines.
///
/// PostgreSQL is driven through psql/pg_dump/pg_restore and MySQL through mysql/mysqldump, so the data
/// goes through the engines' own dump formats and the credentials through PGPASSFILE / defaults files.
public protocol DatabaseClient: Sendable {
    var endpoint: DatabaseEndpoint { get }
    /// The archive entry name of this engine's dump.
    var dumpEntryName: String { get }

    func serverVersion() async throws -> DatabaseServerVersion
    /// Base tables of the Mattermost schema/database, sorted by byte order.
    func tableNames() async throws -> [String]
    /// True when the database holds no tables, views or routines.
    func isEmpty() async throws -> Bool
    func rowCounts(tables: [String]) async throws -> [String: Int64]
    /// SHA-256 over the table's rows ordered by primary key (byte order), in the engine's canonical text form.
    func tableChecksum(table: String) async throws -> String
    /// Rows of `db_migrations` ordered by version; empty when the table does not exist.
    func migrations(table: String) async throws -> [SchemaMigration]
    /// A `Systems` value, e.g. DiagnosticId.
    func systemValue(table: String, name: String) async throws -> String?
    /// Drops every table, view, routine and type, so a restore can start from empty.
    func dropAllObjects() async throws
    /// Streams a dump made by the engine's own tool.
    func dump(consumer: ([UInt8]) async throws -> Void) async throws
    /// Restores a dump streamed by `producer`.
    func restore(producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void) async throws
}

/// Where a server's database login comes from, for a failed login's message.
let serverLoginHint = "the user and password in SqlSettings.DataSource or MM_SQLSETTINGS_DATASOURCE"

/// Creates the client for an endpoint.
public func makeDatabaseClient(_ endpoint: DatabaseEndpoint) throws -> any DatabaseClient {
    switch endpoint.kind {
    case .postgres: return try PostgresClient(endpoint: endpoint)
    case .mysql: return try MySQLClient(endpoint: endpoint)
    }
}

extension Array where Element == String {
    /// The actual name of `canonical` among these table names, ignoring case (PostgreSQL and Bitnami
    /// use lower case).
    func table(named canonical: String) -> String? {
        first { $0 == canonical } ?? first { $0.lowercased() == canonical.lowercased() }
    }
}

/// The SQL both engines share, written once: each client supplies its query runner and quoting.
/// (Column names match on both: MySQL compares column names case-insensitively.)
protocol SQLQueryRunner {
    func query(_ sql: String) async throws -> [[String]]
    func quoteIdentifier(_ name: String) -> String
    func quoteLiteral(_ text: String) -> String
}

extension SQLQueryRunner {
    /// One statement per 100 tables (UNION ALL) instead of one client run per table.
    func countRows(tables: [String]) async throws -> [String: Int64] {
        var counts: [String: Int64] = [:]
        for start in stride(from: 0, to: tables.count, by: 100) {
            let batch = tables[start..<min(start + 100, tables.count)]
            let sql = batch.map { "SELECT \(quoteLiteral($0)), COUNT(*) FROM \(quoteIdentifier($0))" }.joined(separator: " UNION ALL ")
            for row in try await query(sql) where row.count == 2 { counts[row[0]] = Int64(row[1]) ?? -1 }
        }
        return counts
    }

    func readMigrations(table: String) async throws -> [SchemaMigration] {
        try await query("SELECT version, name FROM \(quoteIdentifier(table)) ORDER BY version").map {
            SchemaMigration(version: Int64($0[0]) ?? -1, name: $0.count > 1 ? $0[1] : "")
        }
    }

    func readSystemValue(table: String, name: String) async throws -> String? {
        try await query("SELECT value FROM \(quoteIdentifier(table)) WHERE name = \(quoteLiteral(name))").first?.first
    }
}
