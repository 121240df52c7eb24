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

/// Quoting for SQL text built from catalog names (never from user input).
enum SQLText {
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func postgresLiteral(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    static func postgresIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func mysqlIdentifier(_ name: String) -> String {
        "`" + name.replacingOccurrences(of: "`", with: "``") + "`"
    }
}
