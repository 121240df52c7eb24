import TestSupport
import Crypto
import Foundation
import Testing
@testable import ServerMigration

/// A filled source server and an empty destination server on the same test database server.
struct Scenario {
    enum Engine { case postgres, mariadb }

    let engine: Engine
    let source: TestServerLayout
    let destination: TestServerLayout
    let sourceDatabase: String
    let destinationDatabase: String
    let servers: TestServers

    static let silent: @Sendable (String) -> Void = { _ in }

    static func make(_ name: String, engine: Engine, dialect: SQLDialect? = nil, fill: Bool = true) throws -> Scenario {
        let servers = try TestServers.servers
        let sourceDatabase = "\(name)_src"
        let destinationDatabase = "\(name)_dst"
        let driver = engine == .postgres ? "postgres" : "mysql"
        func dataSource(_ database: String) -> String {
            engine == .postgres ? servers.postgres.dataSource(database: database) : servers.mariadb.dataSource(database: database)
        }
        let source = try TestServerLayout.make(name: "\(name)-source", driver: driver, dataSource: dataSource(sourceDatabase), host: "source",
                                               salt: "source-salt", siteURL: "https://old.example.com")
        let destination = try TestServerLayout.make(name: "\(name)-destination", driver: driver, dataSource: dataSource(destinationDatabase),
                                                    host: "destination", salt: "destination-salt", siteURL: "https://destination.example.com")
        let dialect = dialect ?? (engine == .postgres ? .postgres : .mysql)
        switch engine {
        case .postgres:
            try servers.postgres.createDatabase(sourceDatabase)
            try servers.postgres.createDatabase(destinationDatabase)
            if fill { try servers.postgres.runAsUser(sourceDatabase, MattermostSchema.ddl(dialect) + MattermostData.inserts(dialect)) }
        case .mariadb:
            try servers.mariadb.createDatabase(sourceDatabase)
            try servers.mariadb.createDatabase(destinationDatabase)
            if fill { try servers.mariadb.admin(sourceDatabase, MattermostSchema.ddl(dialect) + MattermostData.inserts(dialect)) }
        }
        if fill { try source.writeStoreFiles() }
        return Scenario(engine: engine, source: source, destination: destination, sourceDatabase: sourceDatabase,
                        destinationDatabase: destinationDatabase, servers: servers)
    }

    func remove() {
        source.remove()
        destination.remove()
    }

    /// Runs SQL as the database superuser in the source or destination database.
    @discardableResult
    func sql(_ database: String, _ statement: String) throws -> String {
        switch engine {
        case .postgres: return try servers.postgres.admin(database, statement)
        case .mariadb: return try servers.mariadb.admin(database, statement)
        }
    }

    /// An MD5 over every post message in id order, computed by the database itself (independent of
    /// the tool's checksum code).
    func postsDigest(_ database: String, table: String) throws -> String {
        switch engine {
        case .postgres:
            return try sql(database, "SELECT md5(string_agg(message, '|' ORDER BY id COLLATE \"C\")) FROM \(table)")
        case .mariadb:
            return try sql(database, "SET SESSION group_concat_max_len = 1073741824; SELECT MD5(GROUP_CONCAT(Message ORDER BY BINARY Id SEPARATOR '|')) FROM `\(table)`")
        }
    }

    /// A post's message as hex of its UTF-8 bytes.
    func messageHex(_ database: String, table: String, postId: String) throws -> String {
        switch engine {
        case .postgres:
            return try sql(database, "SELECT encode(convert_to(message, 'UTF8'), 'hex') FROM \(table) WHERE id = '\(postId)'").trimmingCharacters(in: .whitespacesAndNewlines)
        case .mariadb:
            return try sql(database, "SELECT LOWER(HEX(Message)) FROM `\(table)` WHERE Id = '\(postId)'").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    func sourceClient() throws -> any DatabaseClient { try makeDatabaseClient(try source.config().database()) }
    func destinationClient() throws -> any DatabaseClient { try makeDatabaseClient(try destination.config().database()) }

    /// Every table's row count and every core-table checksum are equal on both sides.
    func expectSameDatabase(sourceLowercase: Bool = false) async throws {
        let sourceFacts = try await DatabaseFacts.collect(try sourceClient())
        let destinationFacts = try await DatabaseFacts.collect(try destinationClient())
        #expect(sourceFacts.tables.count == destinationFacts.tables.count)
        let destinationByName = Dictionary(uniqueKeysWithValues: destinationFacts.tables.map { ($0.name.lowercased(), $0) })
        for table in sourceFacts.tables {
            let other = destinationByName[table.name.lowercased()]
            #expect(other?.rows == table.rows, "row count of \(table.name)")
            #expect(other?.checksum == table.checksum, "checksum of \(table.name)")
        }
        #expect(sourceFacts.tables.filter { $0.checksum != nil }.count == 9)
        #expect(sourceFacts.tables.first { $0.name.lowercased() == "posts" }?.rows == Int64(MattermostData.postCount))
        #expect(sourceFacts.migrations == destinationFacts.migrations && sourceFacts.migrations.count == 141)
        #expect(sourceFacts.diagnosticId == destinationFacts.diagnosticId && sourceFacts.diagnosticId == "diag-source-id-0123456789")
    }

    /// Every source file (except Mattermost's `testfile` and symlinks) is at the destination with the same SHA-256.
    func expectSameFiles() throws {
        let sourceFiles = try FileTree.list(root: source.fileStore, ignoring: ["testfile"]).files
        #expect(sourceFiles.count == MattermostData.fileCount + 52)
        for file in sourceFiles {
            let copy = destination.fileStore + "/" + file.relativePath
            #expect(try sha256(of: copy) == sha256(of: file.absolutePath), "file \(file.relativePath)")
        }
        #expect(!FileManager.default.fileExists(atPath: destination.fileStore + "/testfile"))
    }

    /// The destination config has its own host keys, the source's salts and other settings.
    func expectMergedConfig(siteURL: String?) throws {
        let settings = try destination.settings()
        let sql = settings["SqlSettings"] ?? [:]
        let files = settings["FileSettings"] ?? [:]
        let service = settings["ServiceSettings"] ?? [:]
        let dataSource = engine == .postgres ? servers.postgres.dataSource(database: destinationDatabase) : servers.mariadb.dataSource(database: destinationDatabase)
        #expect(sql["DataSource"] as? String == dataSource)
        #expect(sql["AtRestEncryptKey"] as? String == "at-rest-source-salt")
        #expect(files["PublicLinkSalt"] as? String == "public-link-source-salt")
        #expect(files["Directory"] as? String == "./data/")
        #expect(service["ListenAddress"] as? String == ":9065")
        #expect(service["SiteURL"] as? String == (siteURL ?? "https://destination.example.com"))
        #expect(settings["LogSettings"]?["FileLocation"] as? String == "/var/log/destination")
        #expect((settings["TeamSettings"]?["SiteName"] as? String)?.hasSuffix("-source ✨") == true)
        #expect(FileManager.default.fileExists(atPath: destination.root + "/config/saml-idp-source.crt"))
    }
}

func sha256(of path: String) throws -> String {
    SHA256.hash(data: try Data(contentsOf: URL(fileURLWithPath: path))).map { String(format: "%02x", $0) }.joined()
}

func permissions(of path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// Runs an operation expected to fail with a ServerMigrationError and returns its message.
func expectFailure(_ operation: () async throws -> Void) async -> String {
    do {
        try await operation()
        Issue.record("expected the operation to fail")
        return ""
    } catch let error as ServerMigrationError {
        return error.description
    } catch {
        Issue.record("expected a ServerMigrationError, got \(error)")
        return ""
    }
}
