import Crypto
import DatabaseClients
import Foundation

/// MySQL/MariaDB through the mysql and mysqldump clients. The login goes in a defaults file
/// (mode 0600) passed with --defaults-extra-file, never in argv.
public struct MySQLClient: DatabaseClient, SQLQueryRunner {
    public let endpoint: DatabaseEndpoint
    public var dumpEntryName: String { "database/mysql.sql" }
    private let connection: MySQLConnection

    init(endpoint: DatabaseEndpoint) throws {
        self.endpoint = endpoint
        connection = try MySQLConnection(endpoint: endpoint, loginHint: serverLoginHint)
    }

    private func invocation(_ tool: String, _ arguments: [String]) -> ToolInvocation {
        connection.invocation(tool, arguments)
    }

    private var clientTool: String { MySQLConnection.clientTool }

    /// Runs SQL and returns rows split into fields, for small results.
    func query(_ sql: String) async throws -> [[String]] {
        let text = try await ChildProcess.output(invocation(clientTool, ["--batch", "--skip-column-names",
                                                                         "--default-character-set=utf8mb4", "-e", sql, endpoint.database]))
        return text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map { Self.unescapeBatchField(String($0)) }
        }
    }

    /// Undoes the mysql client's --batch escaping (\n, \t, \\, \0).
    static func unescapeBatchField(_ field: String) -> String {
        guard field.contains("\\") else { return field }
        var result = ""
        var escaping = false
        for character in field {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                case "0": result.append("\u{0}")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    public func serverVersion() async throws -> DatabaseServerVersion {
        guard let version = try await query("SELECT VERSION()").first?.first else {
            throw ServerMigrationError("\(endpoint): cannot read the server version")
        }
        let numbers = version.split(separator: "-").first?.split(separator: ".") ?? []
        let major = numbers.prefix(2).joined(separator: ".")
        return DatabaseServerVersion(kind: .mysql, product: version.contains("MariaDB") ? "MariaDB" : "MySQL", version: version, major: major)
    }

    public func tableNames() async throws -> [String] {
        try await query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY BINARY TABLE_NAME").map { $0[0] }
    }

    public func viewNames() async throws -> [String] {
        try await query("SELECT TABLE_NAME FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE() ORDER BY BINARY TABLE_NAME").map { $0[0] }
    }

    public func isEmpty() async throws -> Bool {
        let rows = try await query("""
            SELECT (SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE())
                 + (SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE())
            """)
        return rows.first?.first == "0"
    }

    public func lowerCaseTableNames() async throws -> Int {
        Int(try await query("SELECT @@lower_case_table_names").first?.first ?? "0") ?? 0
    }

    public func rowCounts(tables: [String]) async throws -> [String: Int64] { try await countRows(tables: tables) }

    public func migrations(table: String) async throws -> [SchemaMigration] { try await readMigrations(table: table) }

    public func systemValue(table: String, name: String) async throws -> String? { try await readSystemValue(table: table, name: name) }

    func quoteIdentifier(_ name: String) -> String { SQLText.mysqlIdentifier(name) }

    func quoteLiteral(_ text: String) -> String { SQLText.literal(text) }

    public func tableChecksum(table: String) async throws -> String {
        let name = SQLText.literal(table)
        let columns = try await query("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND BINARY TABLE_NAME = \(name) ORDER BY ORDINAL_POSITION").map { $0[0] }
        let keys = try await query("""
            SELECT k.COLUMN_NAME, c.DATA_TYPE FROM information_schema.KEY_COLUMN_USAGE k
            JOIN information_schema.COLUMNS c ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME
            WHERE k.TABLE_SCHEMA = DATABASE() AND BINARY k.TABLE_NAME = \(name) AND k.CONSTRAINT_NAME = 'PRIMARY' ORDER BY k.ORDINAL_POSITION
            """)
        // QUOTE() tells NULL from the string 'NULL'; BINARY orders strings by bytes, independent of collation.
        let row = "CONCAT_WS(',', " + columns.map { "QUOTE(\(SQLText.mysqlIdentifier($0)))" }.joined(separator: ", ") + ")"
        let textTypes: Set<String> = ["char", "varchar", "text", "tinytext", "mediumtext", "longtext", "enum", "set", "json"]
        let order = keys.isEmpty
            ? row
            : keys.map { textTypes.contains($0[1].lowercased()) ? "BINARY \(SQLText.mysqlIdentifier($0[0]))" : SQLText.mysqlIdentifier($0[0]) }.joined(separator: ", ")
        let sql = "SET time_zone = '+00:00'; SELECT \(row) FROM \(SQLText.mysqlIdentifier(table)) ORDER BY \(order)"
        var hasher = SHA256()
        try await ChildProcess.streamOutput(invocation(clientTool, ["--batch", "--skip-column-names", "--quick",
                                                                    "--default-character-set=utf8mb4", "-e", sql, endpoint.database])) { chunk in
            hasher.update(data: chunk)
        }
        return hasher.finalize().hex
    }

    public func dropAllObjects() async throws {
        let objects = try await query("SELECT TABLE_TYPE, TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
        let routines = try await query("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()")
        var statements = ["SET FOREIGN_KEY_CHECKS = 0"]
        statements += objects.filter { $0[0] == "VIEW" }.map { "DROP VIEW IF EXISTS \(SQLText.mysqlIdentifier($0[1]))" }
        statements += objects.filter { $0[0] != "VIEW" }.map { "DROP TABLE IF EXISTS \(SQLText.mysqlIdentifier($0[1]))" }
        statements += routines.map { "DROP \($0[0]) IF EXISTS \(SQLText.mysqlIdentifier($0[1]))" }
        _ = try await query(statements.joined(separator: ";\n"))
    }

    /// Runs SQL and streams the client's --batch output row by row as the server sends it (--quick).
    func streamQuery(_ sql: String, consumer: ([UInt8]) async throws -> Void) async throws {
        try await ChildProcess.streamOutput(invocation(clientTool, ["--batch", "--skip-column-names", "--quick",
                                                                    "--default-character-set=utf8mb4", "-e", sql, endpoint.database]), consumer: consumer)
    }

    public func dump(consumer: ([UInt8]) async throws -> Void) async throws {
        let tool = ToolLocator.firstAvailable(["mysqldump", "mariadb-dump"])
        try await ChildProcess.streamOutput(invocation(tool, [
            "--single-transaction", "--routines", "--triggers", "--no-tablespaces", "--skip-dump-date",
            "--default-character-set=\(endpoint.mysqlCharset)", endpoint.database,
        ]), consumer: consumer)
    }

    public func restore(producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void) async throws {
        try await ChildProcess.streamInput(invocation(clientTool, ["--default-character-set=\(endpoint.mysqlCharset)", endpoint.database]),
                                           producer: producer)
    }

    /// Runs statements that return nothing (RENAME TABLE, CREATE VIEW, …).
    func execute(_ sql: String) async throws {
        _ = try await query(sql)
    }
}
