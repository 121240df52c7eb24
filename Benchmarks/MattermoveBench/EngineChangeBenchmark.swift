import Foundation
import ServerMigration

// MySQL → PostgreSQL benchmark (issue 11): a private MariaDB with Mattermost's real MySQL schema
// (../shared/fixtures/mattermost-schema) holding N posts with related rows, and a private PostgreSQL
// whose destination databases are created from the real PostgreSQL schema. Each pair runs
//   tool:  `server migrate` in this process (copy, index re-creation, materialized views, verification)
//   floor: `mysql --batch --quick` reading every copied source table to /dev/null
//          + `pg_restore` of a `pg_dump -Fc` of the tool's migrated result into an empty database,
// and the medians, ratio spread and this process's peak RSS are compared with 2× and 256 MB.
// Entry point:  engine-change [--posts N] [--pairs 3]

func runEngineChangeBenchmark(posts: Int, pairs: Int, fixtures: String) async throws {
    guard FileManager.default.fileExists(atPath: fixtures + "/mysql") else {
        throw BenchError("\(fixtures): Mattermost schema fixtures not found; pass --fixtures DIR (shared/fixtures/mattermost-schema)")
    }
    let postgres = try BenchPostgres()
    defer { postgres.stop() }
    let mariadb = try BenchMariaDB()
    defer { mariadb.stop() }
    let work = postgres.directory + "/work"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    var clock = BenchClock()

    let migrations = try FileManager.default.contentsOfDirectory(atPath: fixtures + "/mysql").filter { $0.hasSuffix(".up.sql") }.sorted()
    let delimiter = ";;;;MMFILEEND"
    var mysqlSchema = "CREATE DATABASE bench_src CHARACTER SET utf8mb4;\nUSE bench_src;\nDELIMITER \(delimiter)\n"
    for file in migrations { mysqlSchema += try String(contentsOfFile: "\(fixtures)/mysql/\(file)", encoding: .utf8) + "\n\(delimiter)\n" }
    mysqlSchema += "CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL)\n\(delimiter)\n"
    mysqlSchema += "INSERT INTO db_migrations VALUES " + migrations.map { "(\(Int($0.prefix(6))!), '\($0.dropFirst(7).dropLast(7))')" }.joined(separator: ", ") + "\n\(delimiter)\n"
    try mariadb.client(mysqlSchema)
    try mariadb.client("USE bench_src;\n" + engineChangeBenchData(posts: posts))
    print(String(format: "engine-change: MariaDB schema + %d posts generated in %.1f s", posts, clock.lap()))

    var postgresSchema = "SET client_min_messages = warning;\nSET ROLE mmuser;\n"
    for file in try FileManager.default.contentsOfDirectory(atPath: fixtures + "/postgres").filter({ $0.hasSuffix(".up.sql") }).sorted() {
        postgresSchema += try String(contentsOfFile: "\(fixtures)/postgres/\(file)", encoding: .utf8) + "\n;\n"
    }
    postgresSchema += "CREATE TABLE db_migrations (version bigint PRIMARY KEY, name varchar(64) NOT NULL);\n"
    postgresSchema += "INSERT INTO db_migrations VALUES " + migrations.map { "(\(Int($0.prefix(6))!), '\($0.dropFirst(7).dropLast(7))')" }.joined(separator: ", ") + ";\n"
    try postgres.psql("postgres", "CREATE DATABASE bench_template OWNER mmuser")
    try benchSpawn("\(postgres.bin)/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", postgres.directory, "-p", String(postgres.port), "-U", "postgres", "-d", "bench_template"],
                   input: postgresSchema, log: work + "/schema.log")
    print(String(format: "engine-change: PostgreSQL schema template in %.1f s", clock.lap()))

    let sourceConfig = try writeBenchConfig(root: work + "/src", driver: "mysql", dataSource: "mmuser:bench-password@tcp(127.0.0.1:\(mariadb.port))/bench_src?charset=utf8mb4,utf8")
    let tables = try mariadb.query("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'bench_src' AND TABLE_TYPE = 'BASE TABLE' AND TABLE_NAME NOT IN ('db_migrations')")
    let readAll = tables.map { "SELECT * FROM `\($0)`;" }.joined(separator: "\n")

    var toolTimes: [Double] = []
    var floorTimes: [Double] = []
    for pair in 1...pairs {
        let database = "bench_dst_\(pair)"
        try postgres.psql("postgres", "CREATE DATABASE \(database) TEMPLATE bench_template OWNER mmuser")
        let destinationConfig = try writeBenchConfig(root: work + "/dst\(pair)", driver: "postgres",
                                                     dataSource: "postgres://mmuser:bench-password@127.0.0.1:\(postgres.port)/\(database)?sslmode=disable")
        _ = clock.lap()
        let result = try await ServerMigrate.run(fromConfigPath: sourceConfig, toConfigPath: destinationConfig, siteURL: nil, force: false,
                                                 includeFiles: true, log: { line in
            // Phase timings of the first pair (copy, indexes, verification) when asked for.
            if pair == 1, ProcessInfo.processInfo.environment["MATTERMOVE_BENCH_PHASES"] != nil {
                print(String(format: "  %.1f s  %@", Double(DispatchTime.now().uptimeNanoseconds) / 1e9, line))
            }
        })
        let tool = clock.lap()
        guard result.verification.isClean else { throw BenchError("pair \(pair): verification found differences:\n\(result.verification.renderedDifferences())") }

        try mariadb.clientToNull("USE bench_src;\n" + readAll)
        let read = clock.lap()
        try postgres.tool("pg_dump", ["-Fc", "-f", work + "/migrated.dump", database])
        try postgres.psql("postgres", "DROP DATABASE IF EXISTS bench_restore")
        try postgres.psql("postgres", "CREATE DATABASE bench_restore OWNER mmuser")
        _ = clock.lap()
        try postgres.tool("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "-d", "bench_restore", work + "/migrated.dump"])
        let restore = clock.lap()
        toolTimes.append(tool)
        floorTimes.append(read + restore)
        print(String(format: "engine-change: pair %d: mattermove %.2f s | floor %.2f s (mysql read %.2f + pg_restore %.2f) | ratio %.2f×",
                     pair, tool, read + restore, read, restore, tool / (read + restore)))
        try postgres.psql("postgres", "DROP DATABASE \(database)")
    }
    let ratios = zip(toolTimes, floorTimes).map { $0 / $1 }.sorted()
    let rss = peakRSSMegabytes()
    print(String(format: "engine-change: %d posts, %d pairs: median mattermove %.2f s, median floor %.2f s, median ratio %.2f× (spread %.2f–%.2f×), limit 2.00× → %@",
                 posts, pairs, median(toolTimes), median(floorTimes), median(ratios), ratios.first ?? 0, ratios.last ?? 0, median(ratios) <= 2 ? "PASS" : "FAIL"))
    print("engine-change: peak RSS \(rss) MB, limit 256 MB → \(rss <= 256 ? "PASS" : "FAIL")")
}

/// 1,000,000 posts scale: users, channels, members, posts (every 5th a root, JSON props), reactions,
/// file infos, threads and preferences, generated by MariaDB's sequence engine.
private func engineChangeBenchData(posts: Int) -> String {
    let users = 5_000, channels = 2_000
    return """
        SET sql_mode = '';
        INSERT INTO Users (Id, CreateAt, UpdateAt, DeleteAt, Username, Email, Nickname, Roles, Props, NotifyProps, Timezone, Locale, LastLogin, EmailVerified, MfaActive)
          SELECT LPAD(CONCAT('u', seq), 26, 'x'), 1700000000000, 1700000000000, 0, CONCAT('user', seq), CONCAT('user', seq, '@example.com'), 'Ñick 🎉', 'system_user',
                 '{"k":"v"}', '{"email":"true","push":"mention"}', '{"useAutomaticTimezone":"true"}', 'en', 0, 1, 0 FROM seq_1_to_\(users);
        INSERT INTO Teams (Id, CreateAt, UpdateAt, DeleteAt, DisplayName, Name, Type, AllowOpenInvite, CloudLimitsArchived)
          SELECT LPAD(CONCAT('t', seq), 26, 'x'), 1700000000000, 1700000000000, 0, CONCAT('Team ', seq), CONCAT('team', seq), 'O', 1, 0 FROM seq_1_to_10;
        INSERT INTO TeamMembers (TeamId, UserId, Roles, DeleteAt, SchemeUser, SchemeAdmin, SchemeGuest, CreateAt)
          SELECT LPAD(CONCAT('t', seq % 10 + 1), 26, 'x'), LPAD(CONCAT('u', seq), 26, 'x'), '', 0, 1, 0, 0, 1700000000000 FROM seq_1_to_\(users);
        INSERT INTO Channels (Id, CreateAt, UpdateAt, DeleteAt, TeamId, Type, DisplayName, Name, Header, Purpose, LastPostAt, TotalMsgCount, DefaultCategoryName)
          SELECT LPAD(CONCAT('c', seq), 26, 'x'), 1700000000000, 1700000000000, 0, LPAD(CONCAT('t', seq % 10 + 1), 26, 'x'), IF(seq % 7 = 0, 'P', 'O'),
                 CONCAT('Channel ', seq), CONCAT('channel-', seq), 'Header ü', '', 1700000000000, 500, '' FROM seq_1_to_\(channels);
        INSERT INTO ChannelMembers (ChannelId, UserId, Roles, LastViewedAt, MsgCount, MentionCount, NotifyProps, LastUpdateAt, SchemeUser, SchemeAdmin, SchemeGuest, MentionCountRoot, MsgCountRoot, UrgentMentionCount)
          SELECT LPAD(CONCAT('c', seq % \(channels) + 1), 26, 'x'), LPAD(CONCAT('u', seq), 26, 'x'), '', 1700000000000, 10, 0,
                 '{"desktop":"default","push":"default"}', 1700000000000, 1, 0, 0, 0, 10, 0 FROM seq_1_to_\(users * 10);
        INSERT INTO Posts (Id, CreateAt, UpdateAt, DeleteAt, UserId, ChannelId, RootId, OriginalId, Message, Type, Props, Hashtags, Filenames, FileIds, HasReactions, EditAt, IsPinned)
          SELECT LPAD(CONCAT('p', seq), 26, 'x'), 1700000000000 + seq, 1700000000000 + seq, 0, LPAD(CONCAT('u', seq % \(users) + 1), 26, 'x'),
                 LPAD(CONCAT('c', seq % \(channels) + 1), 26, 'x'), IF(seq % 5 = 0, '', LPAD(CONCAT('p', seq - seq % 5), 26, 'x')), '',
                 CONCAT('Message ', seq, ' with ünïcödé 🎉 and some ordinary words about the weekly planning meeting ', MD5(seq)), '',
                 CONCAT('{"n":', seq, ',"from_bot":"false"}'), IF(seq % 11 = 0, '#planning', ''), '[]', IF(seq % 20 = 0, CONCAT('["', LPAD(CONCAT('f', seq), 26, 'x'), '"]'), '[]'),
                 seq % 10 = 0, 0, seq % 100 = 0 FROM seq_1_to_\(posts);
        INSERT INTO Reactions (UserId, PostId, EmojiName, CreateAt, UpdateAt, DeleteAt, ChannelId)
          SELECT LPAD(CONCAT('u', seq % \(users) + 1), 26, 'x'), LPAD(CONCAT('p', seq * 10), 26, 'x'), 'smile', 1700000000000, 1700000000000, 0,
                 LPAD(CONCAT('c', (seq * 10) % \(channels) + 1), 26, 'x') FROM seq_1_to_\(posts / 10);
        INSERT INTO FileInfo (Id, CreatorId, PostId, ChannelId, CreateAt, UpdateAt, DeleteAt, Path, ThumbnailPath, PreviewPath, Name, Extension, Size, MimeType, Width, Height, HasPreviewImage, Archived)
          SELECT LPAD(CONCAT('f', seq * 20), 26, 'x'), LPAD(CONCAT('u', seq % \(users) + 1), 26, 'x'), LPAD(CONCAT('p', seq * 20), 26, 'x'), LPAD(CONCAT('c', (seq * 20) % \(channels) + 1), 26, 'x'),
                 1700000000000, 1700000000000, 0, CONCAT('20240101/teams/t/channels/c/users/u/', seq, '/file.png'), '', '', 'file.png', 'png', 12345, 'image/png', 100, 100, 1, 0
          FROM seq_1_to_\(posts / 20);
        INSERT INTO Threads (PostId, ReplyCount, LastReplyAt, Participants, ChannelId, ThreadDeleteAt, ThreadTeamId)
          SELECT LPAD(CONCAT('p', seq * 5), 26, 'x'), 4, 1700000000000, '["a","b"]', LPAD(CONCAT('c', (seq * 5) % \(channels) + 1), 26, 'x'), 0, '' FROM seq_1_to_\(posts / 5);
        INSERT INTO Preferences (UserId, Category, Name, Value) SELECT LPAD(CONCAT('u', seq), 26, 'x'), 'display_settings', 'use_military_time', 'false' FROM seq_1_to_\(users);
        INSERT INTO Systems (Name, Value) VALUES ('DiagnosticId', 'bench-diagnostic-id');
        """
}

private func writeBenchConfig(root: String, driver: String, dataSource: String) throws -> String {
    try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: root + "/data", withIntermediateDirectories: true)
    let config = #"{"SqlSettings": {"DriverName": "\#(driver)", "DataSource": "\#(dataSource)"}, "FileSettings": {"DriverName": "local", "Directory": "./data/", "PublicLinkSalt": "salt"}}"#
    FileManager.default.createFile(atPath: root + "/config/config.json", contents: Data(config.utf8), attributes: [.posixPermissions: 0o600])
    return root + "/config/config.json"
}

/// A throwaway MariaDB for the benchmark (root over its socket, mmuser over TCP).
final class BenchMariaDB {
    let directory: String
    let port: Int
    private var server: pid_t = 0
    private let client = ["/usr/bin/mariadb", "/usr/bin/mysql"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/mariadb"

    init() throws {
        directory = NSTemporaryDirectory() + "/mattermove-mariadb-bench-\(getpid())"
        port = 30_000 + Int(getpid() % 5_000)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let asUser = getuid() == 0 ? ["--user=mysql"] : []
        if getuid() == 0 { try benchSpawn("/bin/chown", ["mysql", directory], log: "/dev/null") }
        let install = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let install else { throw BenchError("MariaDB not installed; run .ci/services.sh") }
        try benchSpawn(install, ["--no-defaults", "--datadir=\(directory)/data", "--auth-root-authentication-method=normal", "--skip-test-db"] + asUser, log: directory + "/install.log")
        server = try benchStart("/usr/sbin/mariadbd", ["--no-defaults", "--datadir=\(directory)/data", "--socket=\(directory)/sock", "--port=\(port)",
                                                       "--bind-address=127.0.0.1", "--skip-log-bin", "--innodb-buffer-pool-size=1G", "--innodb-flush-log-at-trx-commit=0",
                                                       "--log-error=\(directory)/error.log", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"] + asUser)
        for _ in 0..<300 where (try? client("SELECT 1")) == nil { usleep(100_000) }
        try client("CREATE USER 'mmuser'@'%' IDENTIFIED BY 'bench-password'; GRANT ALL ON *.* TO 'mmuser'@'%'; CREATE USER 'mmuser'@'localhost' IDENTIFIED BY 'bench-password'; GRANT ALL ON *.* TO 'mmuser'@'localhost';")
    }

    func stop() {
        kill(server, SIGTERM)
        var status: Int32 = 0
        waitpid(server, &status, 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

    func client(_ sql: String) throws {
        try benchSpawn(client, ["--no-defaults", "-S", directory + "/sock", "-u", "root"], input: sql, log: directory + "/client.log")
    }

    /// The floor's read: the same client, `--batch --quick`, output to /dev/null.
    func clientToNull(_ sql: String) throws {
        try benchSpawn(client, ["--no-defaults", "-S", directory + "/sock", "-u", "root", "--batch", "--quick", "--default-character-set=utf8mb4"], input: sql, log: "/dev/null")
    }

    func query(_ sql: String) throws -> [String] {
        let output = directory + "/query.out"
        try? FileManager.default.removeItem(atPath: output)
        try benchSpawn(client, ["--no-defaults", "-S", directory + "/sock", "-u", "root", "--batch", "--skip-column-names"], input: sql, log: output)
        return (try String(contentsOfFile: output, encoding: .utf8)).split(separator: "\n").map(String.init)
    }
}

/// Runs a command to completion with `input` on stdin and stdout+stderr appended to `log`.
func benchSpawn(_ executable: String, _ arguments: [String], input: String = "", log: String) throws {
    let inputPath = NSTemporaryDirectory() + "/mattermove-bench-input-\(getpid())"
    FileManager.default.createFile(atPath: inputPath, contents: Data(input.utf8))
    defer { try? FileManager.default.removeItem(atPath: inputPath) }
    let pid = try benchStart(executable, arguments, input: inputPath, log: log)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    guard status == 0 else { throw BenchError("\(executable) failed (status \(status)); see \(log)") }
}

private func benchStart(_ executable: String, _ arguments: [String], input: String = "/dev/null", log: String = "/dev/null") throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, input, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { throw BenchError("cannot start \(executable)") }
    return pid
}

/// See `runServerBenchmarkBlocking`.
func runEngineChangeBenchmarkBlocking(posts: Int, pairs: Int, fixtures: String) throws {
    final class Outcome: @unchecked Sendable { var error: Error? }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { try await runEngineChangeBenchmark(posts: posts, pairs: pairs, fixtures: fixtures) } catch { outcome.error = error }
        done.signal()
    }
    done.wait()
    if let error = outcome.error { throw error }
}

/// ../shared/fixtures/mattermost-schema next to the repository this file was built from.
let defaultMattermostSchemaFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/fixtures/mattermost-schema").path
