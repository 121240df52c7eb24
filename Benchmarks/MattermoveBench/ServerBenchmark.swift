import Foundation
import ServerMigration

// Server benchmark: a private PostgreSQL cluster (initdb + pg_ctl in a temp dir, as `postgres` when
// run as root) with a Mattermost-shaped database of N posts generated in SQL, then
//   plain `pg_dump -Fc` + `pg_restore`   vs   `server backup` + `server restore` (with verify).
// Entry point for the bench main:  server [--posts N]  → runServerBenchmark(posts:)

/// Prints both timings, their ratio and this process's peak RSS (the tool runs in-process).
func runServerBenchmark(posts: Int = 1_000_000) async throws {
    let cluster = try BenchPostgres()
    defer { cluster.stop() }
    let work = cluster.directory + "/work"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    for database in ["bench_src", "bench_plain", "bench_tool"] { try cluster.psql("postgres", "CREATE DATABASE \(database) OWNER mmuser") }

    var clock = BenchClock()
    try cluster.psql("bench_src", "SET ROLE mmuser;\n" + serverBenchSchema(posts: posts))
    print(String(format: "server: generated %d posts in %.1f s", posts, clock.lap()))

    try cluster.tool("pg_dump", ["-Fc", "-f", work + "/plain.dump", "bench_src"])
    let plainDump = clock.lap()
    try cluster.tool("pg_restore", ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "-d", "bench_plain", work + "/plain.dump"])
    let plainRestore = clock.lap()

    let layouts = try ["src", "tool"].map { name in try cluster.writeConfig(root: work + "/\(name)", database: "bench_\(name)") }
    let archive = work + "/backup.tar"
    let backup = try await ServerBackup.run(configPath: layouts[0], outputPath: archive, includeFiles: true, environment: [:], log: { _ in })
    let toolBackup = clock.lap()
    let restore = try await ServerRestore.run(archivePath: archive, configPath: layouts[1], siteURL: nil, force: false, environment: [:], log: { _ in })
    let toolRestore = clock.lap()

    let plain = plainDump + plainRestore
    let tool = toolBackup + toolRestore
    print(String(format: "server: pg_dump -Fc %.2f s + pg_restore %.2f s = %.2f s", plainDump, plainRestore, plain))
    print(String(format: "server: mattermove backup %.2f s + restore (incl. verify) %.2f s = %.2f s; ratio %.2f×; archive %d MB; verify clean: %@",
                 toolBackup, toolRestore, tool, tool / plain, Int(backup.archiveBytes / 1_000_000), restore.verification.isClean ? "yes" : "NO"))
    print("server: peak RSS \(peakRSSMegabytes()) MB")
}

/// Monotonic lap timer.
struct BenchClock {
    private var last = DispatchTime.now().uptimeNanoseconds

    mutating func lap() -> Double {
        let now = DispatchTime.now().uptimeNanoseconds
        defer { last = now }
        return Double(now - last) / 1e9
    }
}

/// Schema and data in SQL (generate_series), so generation is fast and needs no client memory.
private func serverBenchSchema(posts: Int) -> String {
    """
    CREATE TYPE channel_type AS ENUM ('P', 'G', 'O', 'D');
    CREATE TABLE users (id varchar(26) PRIMARY KEY, createat bigint, username varchar(64) UNIQUE, email varchar(128), props jsonb);
    CREATE TABLE channels (id varchar(26) PRIMARY KEY, teamid varchar(26), type channel_type, name varchar(64), header varchar(1024));
    CREATE TABLE posts (id varchar(26) PRIMARY KEY, createat bigint, updateat bigint, deleteat bigint, userid varchar(26),
                        channelid varchar(26), rootid varchar(26), message varchar(65535), props jsonb, hasreactions boolean);
    CREATE INDEX idx_posts_channel_id_create_at ON posts (channelid, createat);
    CREATE TABLE reactions (userid varchar(26), postid varchar(26), emojiname varchar(64), createat bigint, PRIMARY KEY (postid, userid, emojiname));
    CREATE TABLE systems (name varchar(64) PRIMARY KEY, value varchar(1024));
    CREATE TABLE db_migrations (version bigint PRIMARY KEY, name varchar(64) NOT NULL);
    INSERT INTO users SELECT substr(md5('u' || g), 1, 26), g, 'user' || g, 'user' || g || '@example.com', '{"k": "v"}' FROM generate_series(1, 5000) g;
    INSERT INTO channels SELECT substr(md5('c' || g), 1, 26), substr(md5('t' || (g % 10)), 1, 26), 'O', 'channel-' || g, 'Header ü ' || g FROM generate_series(1, 2000) g;
    INSERT INTO posts SELECT substr(md5('p' || g), 1, 26), 1700000000000 + g, 1700000000000 + g, 0, substr(md5('u' || (g % 5000)), 1, 26),
        substr(md5('c' || (g % 2000)), 1, 26), CASE WHEN g % 5 = 0 THEN '' ELSE substr(md5('p' || (g - g % 5)), 1, 26) END,
        'Message ' || g || ' with ünïcödé 🎉 and some ordinary words about the weekly planning meeting ' || md5(g::text),
        jsonb_build_object('n', g), g % 4 = 0
      FROM generate_series(1, \(posts)) g;
    INSERT INTO reactions SELECT substr(md5('u' || (g % 5000)), 1, 26), substr(md5('p' || g), 1, 26), 'smile', g FROM generate_series(1, \(posts / 10)) g;
    INSERT INTO systems VALUES ('DiagnosticId', 'bench-diagnostic-id');
    INSERT INTO db_migrations SELECT g, 'migration_' || g FROM generate_series(1, 141) g;
    ANALYZE;
    """
}

/// A throwaway PostgreSQL cluster for the benchmark.
final class BenchPostgres {
    let directory: String
    let port: Int
    let bin: String
    private let passwordFile: String

    init() throws {
        let base = "/usr/lib/postgresql"
        guard let version = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).compactMap(Int.init).max() else {
            throw BenchError("PostgreSQL server binaries not found under \(base); run .ci/services.sh")
        }
        bin = "\(base)/\(version)/bin"
        directory = NSTemporaryDirectory() + "/mattermove-server-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = 25_000 + Int(getpid() % 5_000)
        passwordFile = directory + "/pgpass"
        FileManager.default.createFile(atPath: passwordFile, contents: Data("*:*:*:mmuser:bench-password\n".utf8), attributes: [.posixPermissions: 0o600])
        if getuid() == 0 { try run("/bin/chown", ["postgres", directory]) }
        try runAsOwner("\(bin)/initdb", ["-D", directory + "/data", "-U", "postgres", "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "-N"])
        try runAsOwner("\(bin)/pg_ctl", ["-D", directory + "/data", "-l", directory + "/log", "-w", "-o",
                                         "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c maintenance_work_mem=256MB", "start"])
        try psql("postgres", "CREATE ROLE mmuser LOGIN PASSWORD 'bench-password'")
    }

    func stop() {
        try? runAsOwner("\(bin)/pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    func psql(_ database: String, _ sql: String) throws {
        try run("\(bin)/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port), "-U", "postgres", "-d", database, "-c", sql])
    }

    /// Runs pg_dump/pg_restore as the Mattermost user over TCP, like the tool does.
    func tool(_ name: String, _ arguments: [String]) throws {
        try run("\(bin)/\(name)", arguments, environment: ["PGHOST": "127.0.0.1", "PGPORT": String(port), "PGUSER": "mmuser", "PGPASSFILE": passwordFile])
    }

    /// Writes install-dir/config/config.json pointing at `database`; returns its path.
    func writeConfig(root: String, database: String) throws -> String {
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
        let config = """
            {"SqlSettings": {"DriverName": "postgres", "DataSource": "postgres://mmuser:bench-password@127.0.0.1:\(port)/\(database)?sslmode=disable"},
             "FileSettings": {"DriverName": "local", "Directory": "./data/", "PublicLinkSalt": "salt"}}
            """
        FileManager.default.createFile(atPath: root + "/config/config.json", contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
        return root + "/config/config.json"
    }

    private func runAsOwner(_ executable: String, _ arguments: [String]) throws {
        if getuid() == 0 { try run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments) } else { try run(executable, arguments) }
    }

    /// posix_spawn + waitpid: Foundation's Process never returned from waitUntilExit after pg_ctl
    /// daemonised the server (runuser stayed an unreaped zombie).
    private func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let merged = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, directory + "/commands.log", O_WRONLY | O_CREAT | O_APPEND, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { throw BenchError("cannot start \(executable)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw BenchError("\(executable) \(arguments.first ?? "") failed (status \(status)); see \(directory)/commands.log") }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// For a synchronous `run()`: a top-level `await Command.main()` picks ParsableCommand's synchronous
/// `main()`, which never calls an async subcommand's `run()`, so the bench main can call this instead.
func runServerBenchmarkBlocking(posts: Int) throws {
    final class Outcome: @unchecked Sendable { var error: Error? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { try await runServerBenchmark(posts: posts) } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}
