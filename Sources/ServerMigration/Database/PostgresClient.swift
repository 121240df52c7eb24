import Crypto
import DatabaseClients
import Foundation

/// PostgreSQL through psql, pg_dump and pg_restore. The connection goes in PG* environment
/// variables and the password in a PGPASSFILE (mode 0600), never in argv.
public struct PostgresClient: DatabaseClient, SQLQueryRunner {
    public let endpoint: DatabaseEndpoint
    public var dumpEntryName: String { "database/postgres.dump" }
    private let connection: PostgresConnection

    init(endpoint: DatabaseEndpoint) throws {
        self.endpoint = endpoint
        connection = try PostgresConnection(endpoint: endpoint, loginHint: serverLoginHint)
    }

    private func invocation(_ tool: String, _ arguments: [String]) -> ToolInvocation {
        connection.invocation(tool, arguments)
    }

    /// Runs SQL and returns rows split into fields (unit separator), for small results.
    func query(_ sql: String) async throws -> [[String]] {
        let text = try await ChildProcess.output(invocation("psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", "\u{1f}", "-c", sql]))
        return text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.split(separator: "\u{1f}", omittingEmptySubsequences: false).map(String.init) }
    }

    public func serverVersion() async throws -> DatabaseServerVersion {
        let rows = try await query("SELECT current_setting('server_version'), current_setting('server_version_num')")
        guard let row = rows.first, row.count == 2, let number = Int(row[1]) else {
            throw ServerMigrationError("\(endpoint): cannot read the server version")
        }
        return DatabaseServerVersion(kind: .postgres, product: "PostgreSQL", version: row[0], major: String(number / 10000))
    }

    public func tableNames() async throws -> [String] {
        try await query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename COLLATE \"C\"").map { $0[0] }
    }

    public func isEmpty() async throws -> Bool {
        let rows = try await query("""
            SELECT (SELECT count(*) FROM pg_class c WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind IN ('r','v','m','S','p','f'))
                 + (SELECT count(*) FROM pg_proc p WHERE p.pronamespace = to_regnamespace(current_schema()))
            """)
        return rows.first?.first == "0"
    }

    public func rowCounts(tables: [String]) async throws -> [String: Int64] { try await countRows(tables: tables) }

    public func migrations(table: String) async throws -> [SchemaMigration] { try await readMigrations(table: table) }

    public func systemValue(table: String, name: String) async throws -> String? { try await readSystemValue(table: table, name: name) }

    func quoteIdentifier(_ name: String) -> String { SQLText.postgresIdentifier(name) }

    func quoteLiteral(_ text: String) -> String { SQLText.postgresLiteral(text) }

    public func tableChecksum(table: String) async throws -> String {
        let keys = try await query("""
            SELECT a.attname, t.typcategory FROM pg_index i
            JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) ON true
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            JOIN pg_type t ON t.oid = a.atttypid
            WHERE i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(\(SQLText.postgresLiteral(table)))) AND i.indisprimary
            ORDER BY k.ord
            """)
        // Byte order ("C") so the order does not depend on the destination database's collation.
        let order = keys.isEmpty
            ? "r::text COLLATE \"C\""
            : keys.map { SQLText.postgresIdentifier($0[0]) + ($0[1] == "S" ? " COLLATE \"C\"" : "") }.joined(separator: ", ")
        let copy = "COPY (SELECT * FROM \(SQLText.postgresIdentifier(table)) AS r ORDER BY \(order)) TO STDOUT"
        var hasher = SHA256()
        try await ChildProcess.streamOutput(invocation("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1",
                                                                 "-c", "SET extra_float_digits = 1; SET bytea_output = 'hex'", "-c", copy])) { chunk in
            hasher.update(data: chunk)
        }
        return hasher.finalize().hex
    }

    public func dropAllObjects() async throws {
        _ = try await query("""
            DO $$DECLARE r record; BEGIN
              FOR r IN SELECT matviewname AS n FROM pg_matviews WHERE schemaname = current_schema() LOOP
                EXECUTE 'DROP MATERIALIZED VIEW IF EXISTS ' || quote_ident(r.n) || ' CASCADE'; END LOOP;
              FOR r IN SELECT viewname AS n FROM pg_views WHERE schemaname = current_schema() LOOP
                EXECUTE 'DROP VIEW IF EXISTS ' || quote_ident(r.n) || ' CASCADE'; END LOOP;
              FOR r IN SELECT tablename AS n FROM pg_tables WHERE schemaname = current_schema() LOOP
                EXECUTE 'DROP TABLE IF EXISTS ' || quote_ident(r.n) || ' CASCADE'; END LOOP;
              FOR r IN SELECT sequence_name AS n FROM information_schema.sequences WHERE sequence_schema = current_schema() LOOP
                EXECUTE 'DROP SEQUENCE IF EXISTS ' || quote_ident(r.n) || ' CASCADE'; END LOOP;
              FOR r IN SELECT p.oid::regprocedure AS sig FROM pg_proc p WHERE p.pronamespace = to_regnamespace(current_schema())
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e') LOOP
                EXECUTE 'DROP ROUTINE IF EXISTS ' || r.sig || ' CASCADE'; END LOOP;
              FOR r IN SELECT t.typname AS n FROM pg_type t WHERE t.typnamespace = to_regnamespace(current_schema())
                  AND t.typtype IN ('e', 'd', 'r') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = t.oid AND d.deptype = 'e') LOOP
                EXECUTE 'DROP TYPE IF EXISTS ' || quote_ident(r.n) || ' CASCADE'; END LOOP;
            END$$
            """)
    }

    /// Runs a psql script streamed by `producer` (COPY data included), stopping at the first error.
    func runScript(producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void) async throws {
        try await ChildProcess.streamInput(invocation("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1"]), producer: producer)
    }

    public func dump(consumer: ([UInt8]) async throws -> Void) async throws {
        try await ChildProcess.streamOutput(invocation("pg_dump", ["-Fc"]), consumer: consumer)
    }

    public func restore(producer: (_ write: ([UInt8]) async throws -> Void) async throws -> Void) async throws {
        // One transaction: a restore that is killed leaves nothing behind. Owners and grants belong to
        // the old host's roles, so objects are owned by the destination's user instead.
        try await ChildProcess.streamInput(invocation("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction",
                                                                      "--exit-on-error", "-d", endpoint.database]), producer: producer)
    }
}
