import TestSupport
import Foundation
@testable import ServerMigration

/// Mattermost's real schema for both engines, built from ../shared/fixtures/mattermost-schema (the
/// server's own migrations at the last version that had MySQL). Each engine's schema is built once
/// per test run into a template database and copied for every scenario.
enum MattermostFixtureSchema {
    static let directory: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/mattermost-schema").path

    static var isAvailable: Bool { FileManager.default.fileExists(atPath: directory + "/postgres/000001_create_teams.up.sql") }

    static let postgresTemplate = "mm_fixture_pg_template"
    static let mysqlTemplate = "mm_fixture_my_template"
    private static let lock = NSLock()

    /// (version, file name) of every up migration of one engine, in order.
    static func migrations(_ engine: String) throws -> [(version: Int, name: String, path: String)] {
        try FileManager.default.contentsOfDirectory(atPath: "\(directory)/\(engine)").filter { $0.hasSuffix(".up.sql") }.sorted().map { file in
            let stem = file.dropLast(".up.sql".count)
            let version = Int(stem.prefix { $0.isNumber })!
            return (version, String(stem.drop { $0.isNumber }.dropFirst()), "\(directory)/\(engine)/\(file)")
        }
    }

    /// Builds a template once per database server (tests of a suite share the servers).
    private static func once(exists: () throws -> Bool, _ build: () throws -> Void) throws {
        lock.lock(); defer { lock.unlock() }
        if try !exists() { try build() }
    }

    /// A PostgreSQL database holding the schema Mattermost creates, owned by the Mattermost user,
    /// with one db_migrations row per migration (as the server writes them). `dropLast` leaves the
    /// newest versions out of db_migrations (a destination at an older schema version).
    static func createPostgres(_ servers: TestServers, database: String) throws {
        let postgres = servers.postgres
        try once(exists: { try postgres.admin("postgres", "SELECT count(*) FROM pg_database WHERE datname = '\(postgresTemplate)'").hasPrefix("1") }) {
            var script = "SET ROLE \(postgres.user);\nSET client_min_messages = warning;\n"
            for migration in try migrations("postgres") { script += try String(contentsOfFile: migration.path, encoding: .utf8) + "\n;\n" }
            script += "CREATE TABLE IF NOT EXISTS db_migrations (version bigint NOT NULL PRIMARY KEY, name varchar(64) NOT NULL);\n"
            script += "INSERT INTO db_migrations VALUES " + (try migrations("postgres")).map { "(\($0.version), '\($0.name)')" }.joined(separator: ", ") + ";\n"
            try postgres.createDatabase(postgresTemplate)
            try postgres.admin(postgresTemplate, script)
        }
        try postgres.admin("postgres", "DROP DATABASE IF EXISTS \(database); CREATE DATABASE \(database) TEMPLATE \(postgresTemplate) OWNER \(postgres.user);")
    }

    /// A MariaDB database with Mattermost's MySQL schema; `lowerCase` renames every table to lower
    /// case as Bitnami's installs have them (the AttributeView view, which names the mixed-case
    /// tables, is dropped there).
    static func createMySQL(_ servers: TestServers, database: String, lowerCase: Bool) throws {
        let mariadb = servers.mariadb
        try once(exists: { try mariadb.admin(nil, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '\(mysqlTemplate)' AND TABLE_NAME = 'db_migrations'").hasPrefix("1") }) {
            try mariadb.createDatabase(mysqlTemplate)
            // Several files define procedures: each file goes to the server as one multi-statement query.
            let delimiter = ";;;;MMFILEEND" // the client allows short delimiters only
            var script = ""
            for migration in try migrations("mysql") { script += try String(contentsOfFile: migration.path, encoding: .utf8) + "\n\(delimiter)\n" }
            script += "CREATE TABLE db_migrations (Version bigint NOT NULL PRIMARY KEY, Name varchar(64) NOT NULL)\n\(delimiter)\n"
            script += "INSERT INTO db_migrations VALUES " + (try migrations("mysql")).map { "(\($0.version), '\($0.name)')" }.joined(separator: ", ") + "\n\(delimiter)\n"
            try TestProcess.run(TestMariaDB.clientPath!, ["--no-defaults", "-S", mariadb.socket, "-u", "root", "--delimiter=\(delimiter)", mysqlTemplate], input: script)
        }
        try mariadb.createDatabase(database)
        let dumpTool = ["/usr/bin/mariadb-dump", "/usr/bin/mysqldump"].first { FileManager.default.isExecutableFile(atPath: $0) }!
        let schema = try TestProcess.run(dumpTool, ["--no-defaults", "-S", mariadb.socket, "-u", "root", "--skip-comments", mysqlTemplate])
        try mariadb.admin(database, schema)
    }

    /// Renames every table of a MariaDB database to lower case (Bitnami).
    static func lowerCaseTables(_ servers: TestServers, database: String) throws {
        let tables = try servers.mariadb.admin(database, "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'")
            .split(separator: "\n").map(String.init).filter { $0 != $0.lowercased() }
        var sql = "DROP VIEW IF EXISTS AttributeView;\n"
        if !tables.isEmpty { sql += "RENAME TABLE " + tables.map { "`\($0)` TO `\($0.lowercased())`" }.joined(separator: ", ") + ";\n" }
        try servers.mariadb.admin(database, sql)
    }
}
