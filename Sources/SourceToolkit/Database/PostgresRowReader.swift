import DatabaseClients

/// A PostgreSQL database read through psql: each query runs as `COPY (query) TO STDOUT` and its text
/// rows are parsed as they stream in (never a whole table in memory). Values keep their bytes (an
/// SQL_ASCII database's non-UTF-8 text included; other encodings arrive as UTF-8); `\N` is NULL,
/// apart from the empty string.
public final class PostgresRowReader: SQLRowReader {
    private var connection: PostgresConnection
    public let displayName: String
    /// Every table's columns in lower case, by lower-case table name, read at login: a psql process
    /// per `columns(of:)` cost 50–90 ms each, several per conversion before the first row.
    private var columnsByTable: [String: [String]] = [:]

    /// `endpoint.password` empty leaves the login to PGPASSFILE or ~/.pgpass.
    /// Logs in once here, so a wrong password or an unreachable server stops before any reading.
    public init(endpoint: DatabaseEndpoint) throws {
        let loginHint = "the user and --password-file (or PGPASSWORD, PGPASSFILE, ~/.pgpass)"
        connection = try PostgresConnection(endpoint: endpoint, loginHint: loginHint, writesPasswordFile: false)
        displayName = endpoint.description
        var serverEncoding = ""
        // Unquoted names fold to lower case in PostgreSQL (Openfire's ofMessageArchive is ofmessagearchive).
        try forEachRow("""
            SELECT 0, current_setting('server_encoding'), NULL, 0
            UNION ALL SELECT 1, lower(table_name), lower(column_name), ordinal_position FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY 1, 2, 4
            """) { row in
            guard let first = row[1].string else { return }
            if row[0].int64 == 0 {
                serverEncoding = first
            } else if let column = row[2].string {
                columnsByTable[first, default: []].append(column)
            }
        }
        if serverEncoding == "SQL_ASCII" {
            connection = try PostgresConnection(endpoint: endpoint, loginHint: loginHint, writesPasswordFile: false, clientEncoding: "SQL_ASCII")
        }
    }

    public func columns(of table: String) throws -> [String] {
        columnsByTable[table.lowercased()] ?? []
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
                    // The last row's values go first: while they hold slices of the buffer, `split`
                    // cannot reuse it and allocated a new one for every row.
                    values.removeAll(keepingCapacity: true)
                    row.split(line)
                    for index in 0..<row.count { values.append(row.field(index).map { SQLValue.text($0) } ?? .null) }
                    try body(values)
                }
            }
        }
        if lines.hasPartialLine { throw SQLSourceError("\(displayName): psql's output ended in the middle of a row") }
    }
}
