import Foundation
import SourceToolkit
import Testing
import TestSupport
@testable import XMPPSource

/// ejabberd, Prosody, Openfire and Cisco IM&P archives read from PostgreSQL and MariaDB (private servers started
/// for the suite, as the server-migration tests do): the same rows as the SQLite scenarios — both
/// stored copies of 1:1 messages, room rows, odd JIDs, non-UTF-8 bytes — give the same package,
/// byte for byte.
@Suite(.serialized, .enabled(if: TestServers.available, "PostgreSQL (initdb) and MariaDB (mariadbd) are not installed; run .ci/services.sh"),
       .databaseServers)
struct ServerDatabaseTests {
    /// The scenario's SQLite file for `server`, and a way to remove it.
    static func scenario(_ server: XMPPServer) throws -> (url: URL, remove: () -> Void) {
        switch server {
        case .ejabberd:
            let built = try EjabberdScenario.build()
            return (built.database.url, { built.database.remove() })
        case .prosody:
            let url = try ProsodyConversionTests.build()
            return (url, { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) })
        case .openfire:
            let url = try OpenfireConversionTests.build()
            return (url, { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) })
        case .cisco:
            let folder = try TemporaryDirectory.make("cisco")
            let url = folder.appendingPathComponent("cisco.sqlite")
            try CiscoScenario.writeDatabase(at: url)
            return (url, { try? FileManager.default.removeItem(at: folder) })
        }
    }

    static func passwordFile(_ password: String) throws -> URL {
        let url = try TemporaryDirectory.make("db-password").appendingPathComponent("password")
        try Data((password + "\n").utf8).write(to: url)
        return url
    }

    static func password(for engine: ServerDatabaseCopy.Engine, _ servers: TestServers) -> String {
        engine == .postgres ? servers.postgres.password : servers.mariadb.password
    }

    static func importJSONL(_ package: URL) throws -> Data {
        let archive = try SourceArchive(url: package)
        return try archive.entry(at: "import.jsonl").map { try archive.readAll($0) } ?? Data()
    }

    @Test(arguments: [XMPPServer.ejabberd, .prosody, .openfire, .cisco], ServerDatabaseCopy.Engine.allCases)
    func sameRowsGiveTheSamePackage(server: XMPPServer, engine: ServerDatabaseCopy.Engine) throws {
        let servers = try TestServers.servers
        let sqlite = try Self.scenario(server)
        defer { sqlite.remove() }
        let url = try ServerDatabaseCopy.copy(sqlite.url, to: engine, servers: servers, name: "xmpp_\(server.rawValue)")
        let passwordFile = try Self.passwordFile(Self.password(for: engine, servers))
        defer { try? FileManager.default.removeItem(at: passwordFile.deletingLastPathComponent()) }
        let options = XMPPOptions(teamName: "Jabber Shop", domain: "example.com", lenient: true)

        let fromSQLite = try XMPPConversion.run(try server.open(database: sqlite.url.path), options: options)
        defer { fromSQLite.remove() }
        let fromServer = try XMPPConversion.run(try server.open(database: url, passwordFile: passwordFile.path), options: options)
        defer { fromServer.remove() }

        fromServer.expectValid()
        fromServer.expectBalanced()
        #expect(fromServer.report.input.messages == fromSQLite.report.input.messages)
        #expect(fromServer.summary?.rows == fromSQLite.summary?.rows)
        #expect(fromServer.summary?.duplicateCopies == fromSQLite.summary?.duplicateCopies)
        let expected = try Self.importJSONL(fromSQLite.package), actual = try Self.importJSONL(fromServer.package)
        #expect(!expected.isEmpty)
        #expect(actual == expected, "import.jsonl from \(engine) differs from SQLite's")
        if server == .ejabberd {
            // The non-UTF-8 row arrived as bytes and was repaired and counted, as from SQLite.
            #expect(fromServer.summary?.duplicateCopies == 11)
            #expect(String(decoding: actual, as: UTF8.self).contains("caf\u{FFFD}"))
        }
    }

    @Test(arguments: ServerDatabaseCopy.Engine.allCases)
    func wrongPasswordIsOneLineWithoutTheSecret(engine: ServerDatabaseCopy.Engine) throws {
        let servers = try TestServers.servers
        let sqlite = try Self.scenario(.ejabberd)
        defer { sqlite.remove() }
        let url = try ServerDatabaseCopy.copy(sqlite.url, to: engine, servers: servers, name: "xmpp_login")
        let wrong = "Wr0ng-Sécret-\(engine.rawValue)"
        let passwordFile = try Self.passwordFile(wrong)
        defer { try? FileManager.default.removeItem(at: passwordFile.deletingLastPathComponent()) }
        let error = #expect(throws: SQLSourceError.self) { try XMPPServer.ejabberd.open(database: url, passwordFile: passwordFile.path) }
        let text = error?.description ?? ""
        #expect(!text.contains("\n"))
        #expect(text.contains("cannot log in to"))
        #expect(text.contains("xmpp_login"))
        #expect(!text.contains(wrong))
        #expect(!text.contains(Self.password(for: engine, servers)))
    }

    @Test func missingTableIsOneLineNamingTheDatabase() throws {
        let servers = try TestServers.servers
        let sqlite = try Self.scenario(.prosody)
        defer { sqlite.remove() }
        let url = try ServerDatabaseCopy.copy(sqlite.url, to: .postgres, servers: servers, name: "xmpp_missing")
        let passwordFile = try Self.passwordFile(servers.postgres.password)
        defer { try? FileManager.default.removeItem(at: passwordFile.deletingLastPathComponent()) }
        let reader = try SQLDatabase.open(url, passwordFile: passwordFile.path)
        #expect(try reader.columns(of: "archive").isEmpty)
        let error = #expect(throws: SQLSourceError.self) { try reader.forEachRow("SELECT * FROM archive") { _ in } }
        #expect(error?.description.contains("xmpp_missing") == true)
        #expect(error?.description.contains("\n") == false)
        #expect(error?.description.contains(servers.postgres.password) == false)
    }

    @Test func nullEmptyAndBytesSurvive() throws {
        let servers = try TestServers.servers
        let postgres = servers.postgres, mariadb = servers.mariadb
        try postgres.admin("postgres", "DROP DATABASE IF EXISTS xmpp_values; CREATE DATABASE xmpp_values OWNER \(postgres.user) TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';")
        try mariadb.admin(nil, "DROP DATABASE IF EXISTS xmpp_values; CREATE DATABASE xmpp_values CHARACTER SET latin1 COLLATE latin1_bin;")
        // NULL, empty, tab/newline/backslash, a non-UTF-8 byte, and the text "\N".
        try postgres.runAsUser("xmpp_values", "CREATE TABLE t (n BIGINT, v TEXT); INSERT INTO t VALUES (1, NULL), (2, ''), (3, E'a\\tb\\nc\\\\d'), (4, E'caf\\351'), (5, E'\\\\N');")
        try mariadb.admin("xmpp_values", "CREATE TABLE t (n BIGINT, v MEDIUMTEXT); INSERT INTO t VALUES (1, NULL), (2, ''), (3, 'a\\tb\\nc\\\\d'), (4, X'636166E9'), (5, '\\\\N');")
        let expected: [[SQLValue]] = [
            [.text(ArraySlice("1".utf8)), .null], [.text(ArraySlice("2".utf8)), .text([])], [.text(ArraySlice("3".utf8)), .text(ArraySlice("a\tb\nc\\d".utf8))],
            [.text(ArraySlice("4".utf8)), .text(ArraySlice(Array("caf".utf8) + [0xE9]))], [.text(ArraySlice("5".utf8)), .text(ArraySlice("\\N".utf8))],
        ]
        for (url, password) in [("postgres://\(postgres.user)@127.0.0.1:\(postgres.port)/xmpp_values", postgres.password),
                                ("mysql://\(mariadb.user)@127.0.0.1:\(mariadb.port)/xmpp_values", mariadb.password)] {
            let passwordFile = try Self.passwordFile(password)
            defer { try? FileManager.default.removeItem(at: passwordFile.deletingLastPathComponent()) }
            let reader = try SQLDatabase.open(url, passwordFile: passwordFile.path)
            #expect(try reader.columns(of: "t") == ["n", "v"])
            var rows: [[SQLValue]] = []
            try reader.forEachRow("SELECT n, v FROM t ORDER BY n") { rows.append($0) }
            #expect(rows == expected, "\(url)")
        }
    }
}

/// `--database` URLs, without a server.
@Suite struct DatabaseURLTests {
    @Test func passwordInTheURLIsRefusedWithoutEchoingIt() throws {
        for url in ["postgres://mmuser:Top-Secret@127.0.0.1:5432/db", "mysql://mmuser:Top-Secret@127.0.0.1:3306/db"] {
            let error = #expect(throws: SQLSourceError.self) { try XMPPServer.ejabberd.open(database: url) }
            #expect(error?.description.contains("password") == true)
            #expect(error?.description.contains("Top-Secret") == false)
        }
    }
}
