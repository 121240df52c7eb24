import DatabaseClients

/// A PostgreSQL database read through psql: each query runs as `COPY (query) TO STDOUT` and its text
/// rows are parsed as they stream in (never a whole table in memory). Values keep their bytes (an
/// SQL_ASCII database's non-UTF-8 text included; other encodings arrive as UTF-8); `\N` is NULL,
/// apart from the empty string.
public final class PostgresRowReader: SQLRowReader {
    private var connection: PostgresConnection
    public let displayName: String

    /// `endpoint.password` empty leaves the login to PGPASSFILE or ~/.pgpass.
    /// Logs in once here, so a wrong password or an unreachable server stops before any reading.
    public init(endpoint: DatabaseEndpoint) throws {
        let loginHint = "the user and --password-file (or PGPASSWORD, PGPASSFILE, ~/.pgpass)"
        connection = try PostgresConnection(endpoint: endpoint, loginHint: loginHint, writesPasswordFile: false)
        displayName = endpoint.description
        var serverEncoding = ""
        try forEachRow("SELECT current_setting('server_encoding')") { serverEncoding = $0.first?.string ?? "" }
        if serverEncoding == "SQL_ASCII" {
            connection = try PostgresConnection(endpoint: endpoint, loginHint: loginHint, writesPasswordFile: false, clientEncoding: "SQL_ASCII")
        }
    }

    public func columns(of table: String) throws -> [String] {
        // Unquoted names fold to lower case in PostgreSQL (Openfire's ofMessageArchive is ofmessagearchive).
        var names: [String] = []
        try forEachRow("""
            SELECT lower(column_name) FROM information_schema.columns
            WHERE table_schema = current_schema() AND lower(table_name) = lower(\(SQLText.postgresLiteral(table))) ORDER BY ordinal_position
            """) { row in
            if let name = row.first?.string { names.append(name) }
        }
        return names
    }

    /// `strpos`: a plain substring search (`LIKE '%…%'` took 2.4 times as long over a million stanzas).
    public func containsCondition(column: String, text: String) -> String { "strpos(\(column), \(SQLText.postgresLiteral(text))) > 0" }

    /// Each query runs in a psql process of its own; nothing here changes after `init`.
    public var runsQueriesConcurrently: Bool { true }

    public func forEachRow(_ sql: String, _ body: ([SQLValue]) throws -> Void) throws {
        var lines = MySQLBatchReader()
        var row = PostgresCopyRow()
        var values: [SQLValue] = []
        let invocation = connection.invocation("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "COPY (\(sql)) TO STDOUT"])
        try SQLSourceError.wrapping(displayName) {
            try ChildProcess.forEachOutputChunk(invocation) { chunk in
                try lines.feed(chunk) { line in
                    row.split(line)
                    values.removeAll(keepingCapacity: true)
                    for index in 0..<row.count { values.append(row.field(index).map { SQLValue.text($0) } ?? .null) }
                    try body(values)
                }
            }
        }
        if lines.hasPartialLine { throw SQLSourceError("\(displayName): psql's output ended in the middle of a row") }
    }
}
