import TestSupport
import Foundation
import Testing
@testable import ServerMigration

/// End-to-end tests against real PostgreSQL and MariaDB (MariaDB stands in for MySQL). Serialized:
/// the two database servers are shared and the machine is small.
@Suite(
    .serialized,
    // Skipped on machines without the server packages (a fresh clone without .ci/services.sh).
    .enabled(if: TestServers.available, "PostgreSQL (initdb) and MariaDB (mariadbd) are not installed; run .ci/services.sh"),
    .databaseServers
)
struct ServerMoveEndToEndTests {
    @Test("PostgreSQL: backup + restore keeps every row, checksum, file and the source's salts")
    func postgresRoundTrip() async throws {
        let scenario = try Scenario.make("pg_round_trip", engine: .postgres)
        defer { scenario.remove() }
        try await expectRoundTrip(scenario)
    }

    @Test("MariaDB: backup + restore keeps every row, checksum, file and the source's salts")
    func mariadbRoundTrip() async throws {
        let scenario = try Scenario.make("my_round_trip", engine: .mariadb)
        defer { scenario.remove() }
        try await expectRoundTrip(scenario)
    }

    private func expectRoundTrip(_ scenario: Scenario) async throws {
        let archive = scenario.source.root + "/backup.tar"
        let backup = try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: true,
                                                environment: [:], log: Scenario.silent)
        #expect(try permissions(of: archive) == 0o600)
        #expect(!FileManager.default.fileExists(atPath: archive + ".partial"))
        #expect(backup.manifest.database.schemaVersion == 141)
        #expect(backup.manifest.fileStore.files.count == MattermostData.fileCount + 52)
        #expect(backup.manifest.fileStore.skipped.map(\.path) == ["link-to-elsewhere", "testfile"])
        #expect(backup.manifest.config.files.map(\.path) == ["config.json", "saml-idp-source.crt"])
        // A standard tar tool can list the archive.
        let listing = try TestProcess.run("/bin/tar", ["-tf", archive])
        #expect(listing.contains("manifest.json") && listing.contains(backup.manifest.database.dump!.path))

        let sourceDigest = try scenario.postsDigest(scenario.sourceDatabase, table: scenario.engine == .postgres ? "posts" : "Posts")
        let result = try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath,
                                                 siteURL: "https://new.example.com", force: false, environment: [:], log: Scenario.silent)
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        #expect(result.verification.checksumsChecked == 9)
        try await scenario.expectSameDatabase()
        #expect(try scenario.postsDigest(scenario.destinationDatabase, table: scenario.engine == .postgres ? "posts" : "Posts") == sourceDigest)
        try scenario.expectSameFiles()
        try scenario.expectMergedConfig(siteURL: "https://new.example.com")
        #expect(!FileManager.default.fileExists(atPath: scenario.destination.root + "/config/.mattermove-restore-state"))
    }

    @Test("verify reports a deleted file and a changed row, from the archive or from manifest.json")
    func verifyReportsDeletedFileAndChangedRow() async throws {
        let scenario = try Scenario.make("pg_verify", engine: .postgres)
        defer { scenario.remove() }
        let archive = scenario.source.root + "/backup.tar"
        let backup = try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: true, environment: [:], log: Scenario.silent)
        let restored = try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath, siteURL: nil, force: false,
                                                   environment: [:], log: Scenario.silent)
        #expect(restored.verification.isClean)

        let deleted = MattermostData.filePath(3)
        try FileManager.default.removeItem(atPath: scenario.destination.fileStore + "/" + deleted)
        try scenario.sql(scenario.destinationDatabase, "UPDATE posts SET message = 'edited' WHERE id = '\(MattermostData.id("p", 42))'")
        let manifestPath = scenario.source.root + "/manifest.json"
        FileManager.default.createFile(atPath: manifestPath, contents: Data(try backup.manifest.encoded()))
        for manifest in [archive, manifestPath] {
            let report = try await ServerVerify.run(configPath: scenario.destination.configPath, manifestPath: manifest, environment: [:])
            #expect(report.differences.map(\.item) == ["table posts checksum", "file \(deleted)"])
            #expect(report.renderedDifferences().contains("missing"))
        }
    }

    @Test("server migrate streams PostgreSQL end to end and verifies")
    func postgresMigrate() async throws {
        let scenario = try Scenario.make("pg_migrate", engine: .postgres)
        defer { scenario.remove() }
        let result = try await ServerMigrate.run(fromConfigPath: scenario.source.configPath, toConfigPath: scenario.destination.configPath,
                                                 siteURL: nil, force: false, includeFiles: true, log: Scenario.silent)
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        try await scenario.expectSameDatabase()
        try scenario.expectSameFiles()
        try scenario.expectMergedConfig(siteURL: nil)
        #expect(!FileManager.default.fileExists(atPath: scenario.destination.root + "/backup.tar"))
    }

    @Test("restore into a non-empty database refuses without --force and replaces it with --force")
    func nonEmptyDestination() async throws {
        let scenario = try Scenario.make("my_nonempty", engine: .mariadb)
        defer { scenario.remove() }
        let archive = scenario.source.root + "/backup.tar"
        _ = try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: false, environment: [:], log: Scenario.silent)
        try scenario.sql(scenario.destinationDatabase, "CREATE TABLE precious (id int); INSERT INTO precious VALUES (1);")
        let message = await expectFailure {
            _ = try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath, siteURL: nil, force: false,
                                            environment: [:], log: Scenario.silent)
        }
        #expect(message.contains("is not empty") && message.contains("--force") && !message.contains("\n"))
        #expect(try scenario.sql(scenario.destinationDatabase, "SELECT COUNT(*) FROM precious").contains("1"))
        let forced = try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath, siteURL: nil, force: true,
                                                 environment: [:], log: Scenario.silent)
        #expect(forced.verification.isClean, "\(forced.verification.renderedDifferences())")
        #expect(try !scenario.sql(scenario.destinationDatabase, "SHOW TABLES").contains("precious"))
    }

    @Test("a truncated or tampered backup is refused before anything is restored")
    func damagedBackups() async throws {
        let scenario = try Scenario.make("pg_damaged", engine: .postgres)
        defer { scenario.remove() }
        let archive = scenario.source.root + "/backup.tar"
        let backup = try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: true, environment: [:], log: Scenario.silent)
        let original = try Data(contentsOf: URL(fileURLWithPath: archive))
        let damaged = scenario.source.root + "/damaged.tar"

        func restoreDamaged(_ bytes: Data) async -> String {
            FileManager.default.createFile(atPath: damaged, contents: bytes)
            return await expectFailure {
                _ = try await ServerRestore.run(archivePath: damaged, configPath: scenario.destination.configPath, siteURL: nil, force: false,
                                                environment: [:], log: Scenario.silent)
            }
        }
        let truncated = await restoreDamaged(original.prefix(original.count / 2))
        #expect(truncated.contains("truncated") && truncated.contains(damaged) && !truncated.contains("\n"))

        // One byte flipped inside the database dump (the first entry, after its 512-byte header).
        var flipped = original
        flipped[4096] ^= 0x01
        let tamperedDump = await restoreDamaged(flipped)
        #expect(tamperedDump.contains(backup.manifest.database.dump!.path) && tamperedDump.contains("SHA-256"))

        // A file's bytes replaced by other bytes of the same length.
        var tamperedFileBytes = original
        let marker = Data(MattermostData.fileBytes(5).prefix(64))
        let range = try #require(original.range(of: marker))
        tamperedFileBytes[range.lowerBound + 10] ^= 0xff
        let tamperedFile = await restoreDamaged(tamperedFileBytes)
        #expect(tamperedFile.contains("files/\(MattermostData.filePath(5))") && tamperedFile.contains("modified or corrupted"))

        // The manifest edited.
        var tamperedManifest = original
        let manifestMarker = Data("\"diag-source-id".utf8)
        let manifestRange = try #require(original.range(of: manifestMarker, options: .backwards))
        tamperedManifest[manifestRange.lowerBound + 2] = UInt8(ascii: "D")
        let editedManifest = await restoreDamaged(tamperedManifest)
        #expect(editedManifest.contains("manifest.json"))

        // Nothing reached the destination.
        #expect(try await scenario.destinationClient().isEmpty())
    }

    @Test("a wrong password gives a clear one-line error without the secret")
    func wrongPassword() async throws {
        for engine in [Scenario.Engine.postgres, .mariadb] {
            let scenario = try Scenario.make(engine == .postgres ? "pg_password" : "my_password", engine: engine, fill: false)
            defer { scenario.remove() }
            let wrong = "Wr0ng-Pa55-Ü"
            let servers = scenario.servers
            let dataSource = engine == .postgres ? servers.postgres.dataSource(database: scenario.sourceDatabase, password: wrong)
                                                 : servers.mariadb.dataSource(database: scenario.sourceDatabase, password: wrong)
            let layout = try TestServerLayout.make(name: "wrong", driver: engine == .postgres ? "postgres" : "mysql", dataSource: dataSource,
                                                   host: "source", salt: "s", siteURL: "https://x")
            defer { layout.remove() }
            let message = await expectFailure {
                _ = try await ServerBackup.run(configPath: layout.configPath, outputPath: layout.root + "/b.tar", includeFiles: true, environment: [:], log: Scenario.silent)
            }
            #expect(message.contains("cannot log in") && message.contains(layout.configPath), "\(message)")
            #expect(!message.contains(wrong) && !message.contains("Wr0ng") && !message.contains("\n"))
            #expect(!FileManager.default.fileExists(atPath: layout.root + "/b.tar") && !FileManager.default.fileExists(atPath: layout.root + "/b.tar.partial"))

            // The right password from a password file (MATTERMOVE_DB_PASSWORD_FILE) works.
            let passwordFile = layout.root + "/db.password"
            FileManager.default.createFile(atPath: passwordFile, contents: Data((engine == .postgres ? servers.postgres.password : servers.mariadb.password).utf8 + [0x0a]))
            let version = try await makeDatabaseClient(try ServerConfig.load(path: layout.configPath, environment: [ServerConfig.passwordFileVariable: passwordFile]).database()).serverVersion()
            #expect(version.kind == (engine == .postgres ? .postgres : .mysql))
        }
    }

    @Test("Bitnami: lower-case tables restored into lower_case_table_names=0 get Mattermost's names, text unchanged")
    func bitnamiRestore() async throws {
        let scenario = try Scenario.make("bitnami", engine: .mariadb, dialect: .bitnamiMySQL)
        defer { scenario.remove() }
        #expect(try scenario.sql(scenario.destinationDatabase, "SELECT @@lower_case_table_names").contains("0"))
        let archive = scenario.source.root + "/backup.tar"
        _ = try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: true, environment: [:], log: Scenario.silent)
        let result = try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath, siteURL: nil, force: false,
                                                 environment: [:], log: Scenario.silent)
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        let tables = try scenario.sql(scenario.destinationDatabase, "SHOW TABLES").split(separator: "\n").map(String.init)
        #expect(tables.contains("Users") && tables.contains("Posts") && tables.contains("ChannelMembers") && tables.contains("RetentionPoliciesTeams"))
        #expect(tables.contains("AttributeView") && tables.contains("db_migrations"))
        #expect(!tables.contains("users") && !tables.contains("posts"))
        #expect(try scenario.sql(scenario.destinationDatabase, "SELECT COUNT(*) FROM AttributeView").contains(String(MattermostData.postCount)))
        for n in 0..<MattermostData.trickyMessages.count {
            let id = MattermostData.id("p", n)
            let source = try scenario.messageHex(scenario.sourceDatabase, table: "posts", postId: id)
            #expect(source == Array(MattermostData.message(n).utf8).map { String(format: "%02x", $0) }.joined())
            #expect(try scenario.messageHex(scenario.destinationDatabase, table: "Posts", postId: id) == source)
        }
        #expect(try scenario.postsDigest(scenario.destinationDatabase, table: "Posts") == scenario.postsDigest(scenario.sourceDatabase, table: "posts"))
        try await scenario.expectSameDatabase(sourceLowercase: true)
        #expect(result.renamedTables["Users"] ?? 0 > 0)
    }

    @Test("fix-table-case renames a live Bitnami database, recreates its view, and refuses users + Users")
    func liveTableCaseFix() async throws {
        let scenario = try Scenario.make("live_case", engine: .mariadb, dialect: .bitnamiMySQL)
        defer { scenario.remove() }
        try scenario.sql(scenario.sourceDatabase, "CREATE TABLE myplugin_data (id int)")
        let before = try scenario.postsDigest(scenario.sourceDatabase, table: "posts")
        let result = try await TableCaseFixer.fixLive(configPath: scenario.source.configPath, environment: [:])
        #expect(result.renamed.count == MattermostSchema.tables.count)
        #expect(result.unknownTables == ["myplugin_data"])
        #expect(result.viewsRecreated == ["AttributeView"])
        let tables = try scenario.sql(scenario.sourceDatabase, "SHOW TABLES").split(separator: "\n").map(String.init)
        #expect(Set(tables) == Set(MattermostSchema.tables.map(\.name) + ["AttributeView", "db_migrations", "myplugin_data"]))
        #expect(try scenario.sql(scenario.sourceDatabase, "SELECT COUNT(*) FROM AttributeView").contains(String(MattermostData.postCount)))
        #expect(try scenario.postsDigest(scenario.sourceDatabase, table: "Posts") == before)

        try scenario.sql(scenario.sourceDatabase, "CREATE TABLE users (Id varchar(26))")
        let message = await expectFailure { _ = try await TableCaseFixer.fixLive(configPath: scenario.source.configPath, environment: [:]) }
        #expect(message.contains("users/Users"))
    }
}
