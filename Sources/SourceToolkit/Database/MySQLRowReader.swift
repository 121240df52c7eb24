import DatabaseClients

/// A MySQL or MariaDB database read through the mysql client: `--batch --quick` streams rows as the
/// server sends them (never a whole table in memory), in the binary character set so text keeps the
/// bytes stored (a latin1 table's non-UTF-8 text included). The client prints SQL NULL and the text
/// "NULL" alike, so that one text reads as NULL; the empty string stays empty.
public final class MySQLRowReader: SQLRowReader {
    private let connection: MySQLConnection
    private let database: String
    public let displayName: String

    /// `endpoint.password` empty leaves the login to the client's option files (~/.my.cnf).
    public init(endpoint: DatabaseEndpoint) throws {
        connection = try MySQLConnection(endpoint: endpoint, loginHint: "the user and --password-file (or ~/.my.cnf)", writesEmptyPassword: false)
        database = endpoint.database
        displayName = endpoint.description
    }

    public func columns(of table: String) throws -> [String] {
        var names: [String] = []
        try forEachRow("""
            SELECT LOWER(COLUMN_NAME) FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = \(SQLText.literal(table)) ORDER BY ORDINAL_POSITION
            """) { row in
            if let name = row.first?.string { names.append(name) }
        }
        return names
    }

    public func forEachRow(_ sql: String, _ body: ([SQLValue]) throws -> Void) throws {
        var lines = MySQLBatchReader()
        var row = MySQLRow()
        var values: [SQLValue] = []
        let invocation = connection.invocation(MySQLConnection.clientTool, ["--batch", "--skip-column-names", "--quick",
                                                                            "--default-character-set=binary", "-e", sql, database])
        try SQLSourceError.wrapping(displayName) {
            try ChildProcess.forEachOutputChunk(invocation) { chunk in
                try lines.feed(chunk) { line in
                    // The last row's values first (see `PostgresRowReader.forEachRow`).
                    values.removeAll(keepingCapacity: true)
                    _ = row.split(line, marked: false)
                    for index in 0..<row.count { values.append(row.slice(index).map { SQLValue.text($0) } ?? .null) }
                    try body(values)
                }
            }
        }
        if lines.hasPartialLine { throw SQLSourceError("\(displayName): the mysql client's output ended in the middle of a row") }
    }

    /// MariaDB and MySQL quote identifiers with backticks (ANSI_QUOTES is off by default).
    public func quote(_ identifier: String) -> String { SQLText.mysqlIdentifier(identifier) }

    /// `LOCATE` (the column's collation decides case, as it would for `LIKE`).
    public func containsCondition(column: String, text: String) -> String { "LOCATE(\(SQLText.literal(text)), \(column)) > 0" }

    /// Each query runs in a mysql process of its own; nothing here changes after `init`.
    public var runsQueriesConcurrently: Bool { true }
}
