import DatabaseClients
import Foundation

/// `xmpp --kind ejabberd-postgres`: N generated ejabberd archive rows in a PostgreSQL database that
/// the caller names (the password from PGPASSWORD or PGPASSFILE, as for `convert xmpp`), converted
/// through psql's COPY stream against psql's own `\copy (SELECT * FROM archive) TO '/dev/null'`.
enum XMPPPostgresBenchmark {
    /// Loads `rows` archive rows into `database` unless it already holds exactly that many (the load
    /// itself is not measured).
    static func prepare(database: String, rows: Int) throws {
        let psql = ToolLocator.path(for: "psql")
        let count = try ChildMeasurement.run(psql, ["-X", "-q", "-A", "-t", database, "-c", "SELECT count(*) FROM archive"])
        if count.status == 0, Int(count.output.trimmingCharacters(in: .whitespacesAndNewlines)) == rows { return }
        let sql = """
            \\set ON_ERROR_STOP 1
            SET client_min_messages = warning;
            DROP TABLE IF EXISTS archive, users, muc_room;
            CREATE TABLE users (username text PRIMARY KEY, password text NOT NULL);
            CREATE TABLE archive (username text NOT NULL, timestamp BIGINT NOT NULL, peer text NOT NULL, bare_peer text NOT NULL,
                xml text NOT NULL, txt text, id BIGSERIAL PRIMARY KEY, kind text, nick text, origin_id text,
                created_at TIMESTAMP NOT NULL DEFAULT now());
            CREATE TABLE muc_room (name text NOT NULL, host text NOT NULL, opts text NOT NULL);
            INSERT INTO users SELECT 'user' || i, 'x' FROM generate_series(0, 999) AS n(i);
            \(XMPPBenchmark.archiveInsert(numbers: "generate_series(0::bigint, \(rows / 2 - 1)) AS n(i)"));
            CREATE INDEX i_timestamp ON archive (timestamp);
            ANALYZE archive;
            """
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("xmpp-bench-pg-\(getpid()).sql")
        try Data(sql.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let load = try ChildMeasurement.run(psql, ["-X", "-q", database, "-f", script.path])
        guard load.status == 0 else { throw BenchmarkFailure("psql failed loading the archive into \(database): \(load.output)") }
    }

    static func run(database: String?, rows: Int, pairs: Int) throws {
        guard let database, DatabaseEndpoint.isURL(database), database.hasPrefix("postgres") else {
            throw BenchmarkFailure("--kind ejabberd-postgres needs --database postgres://user@host:port/db (password in PGPASSWORD or PGPASSFILE)")
        }
        try prepare(database: database, rows: rows)
        print("input: \(rows) ejabberd archive rows in \(database)")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("xmpp-bench-pg-out-\(getpid()).zip")
        defer { try? FileManager.default.removeItem(at: output) }
        let psql = ToolLocator.path(for: "psql")
        let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
        try runPairedBenchmark(pairs: pairs, floorName: "psql \\copy", target: "≤ 4× wall, peak RSS ≤ 256 MiB",
                               floor: { try ChildMeasurement.run(psql, ["-X", "-q", database, "-c", "\\copy (SELECT * FROM archive) TO '/dev/null'"], keepOutput: false) },
                               conversion: { try ChildMeasurement.run(me, [XMPPBenchmark.childCommand, "--ejabberd", database, output.path]) })
    }
}
