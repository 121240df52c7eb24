import DatabaseClients

/// mattermove's progress table in the destination, so a killed move can be resumed. It holds the
/// source's identity, one "done" row per copied table (written in the same transaction as the
/// table's COPY, so a table is either completely copied and marked, or rolled back and unmarked),
/// and the definitions of the indexes dropped for the load. It is dropped once the move verified.
struct EngineChangeProgress {
    static let tableName = "mattermove_engine_change"

    struct Done: Equatable {
        var rows: Int64
        var checksum: String
    }

    var sourceId: String
    var done: [String: Done] = [:]
    var indexes: [(name: String, definition: String)] = []

    /// The stored progress, or nil when no move was interrupted here.
    static func read(_ client: PostgresClient) async throws -> EngineChangeProgress? {
        guard try await client.query("SELECT to_regclass(\(SQLText.postgresLiteral(tableName))) IS NOT NULL").first?.first == "t" else { return nil }
        var progress = EngineChangeProgress(sourceId: "")
        for row in try await client.query("SELECT kind, name, value FROM \(tableName) ORDER BY kind, name") where row.count == 3 {
            switch row[0] {
            case "source": progress.sourceId = row[2]
            case "done":
                let parts = row[2].split(separator: " ")
                if parts.count == 2, let rows = Int64(parts[0]) { progress.done[row[1]] = Done(rows: rows, checksum: String(parts[1])) }
            case "index": progress.indexes.append((row[1], row[2]))
            default: break
            }
        }
        return progress
    }

    static func createSQL(sourceId: String) -> String {
        """
        CREATE TABLE \(tableName) (kind text NOT NULL, name text NOT NULL, value text NOT NULL, PRIMARY KEY (kind, name));
        INSERT INTO \(tableName) VALUES ('source', '', \(SQLText.postgresLiteral(sourceId)));

        """
    }

    static func markDoneSQL(table: String, done: Done) -> String {
        "INSERT INTO \(tableName) VALUES ('done', \(SQLText.postgresLiteral(table)), \(SQLText.postgresLiteral("\(done.rows) \(done.checksum)")));\n"
    }

    static func rememberIndexSQL(name: String, definition: String) -> String {
        "INSERT INTO \(tableName) VALUES ('index', \(SQLText.postgresLiteral(name)), \(SQLText.postgresLiteral(definition)));\n"
    }

    static func forgetIndexSQL(name: String) -> String {
        "DELETE FROM \(tableName) WHERE kind = 'index' AND name = \(SQLText.postgresLiteral(name));\n"
    }

    static let dropSQL = "DROP TABLE IF EXISTS \(tableName);\n"
}
