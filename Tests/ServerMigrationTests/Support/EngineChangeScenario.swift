import TestSupport
import Foundation
@testable import ServerMigration

/// A MariaDB source (plain or Bitnami lower-case) and a PostgreSQL destination, both with
/// Mattermost's real schema from the fixtures, and the source filled with `EngineChangeData`.
struct EngineChangeScenario {
    let servers: TestServers
    let source: TestServerLayout
    let destination: TestServerLayout
    let sourceDatabase: String
    let destinationDatabase: String
    let bitnami: Bool

    static func make(_ name: String, bitnami: Bool = false, posts: Int = 40, sourcePassword: String? = nil) throws -> EngineChangeScenario {
        let servers = try TestServers.servers
        let sourceDatabase = "\(name)_my"
        let destinationDatabase = "\(name)_pg"
        let source = try TestServerLayout.make(name: "\(name)-source", driver: "mysql",
                                               dataSource: servers.mariadb.dataSource(database: sourceDatabase, password: sourcePassword),
                                               host: "source", salt: "source-salt", siteURL: "https://old.example.com")
        let destination = try TestServerLayout.make(name: "\(name)-destination", driver: "postgres",
                                                    dataSource: servers.postgres.dataSource(database: destinationDatabase),
                                                    host: "destination", salt: "destination-salt", siteURL: "https://new.example.com")
        try MattermostFixtureSchema.createMySQL(servers, database: sourceDatabase, lowerCase: bitnami)
        try servers.mariadb.admin(sourceDatabase, EngineChangeData.fill(posts: posts))
        if bitnami { try MattermostFixtureSchema.lowerCaseTables(servers, database: sourceDatabase) }
        try MattermostFixtureSchema.createPostgres(servers, database: destinationDatabase)
        try source.write("20240101/teams/t/channels/c/users/u/f/x.png", Array("png bytes".utf8))
        return EngineChangeScenario(servers: servers, source: source, destination: destination, sourceDatabase: sourceDatabase,
                                    destinationDatabase: destinationDatabase, bitnami: bitnami)
    }

    func remove() {
        source.remove()
        destination.remove()
    }

    @discardableResult
    func mysql(_ sql: String) throws -> String {
        try servers.mariadb.admin(sourceDatabase, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @discardableResult
    func postgres(_ sql: String) throws -> String {
        try servers.postgres.admin(destinationDatabase, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func sourceTable(_ canonical: String) -> String { bitnami ? canonical.lowercased() : canonical }

    func migrate(force: Bool = false, log: @escaping @Sendable (String) -> Void = Scenario.silent) async throws -> ServerRestore.Result {
        try await ServerMigrate.run(fromConfigPath: source.configPath, toConfigPath: destination.configPath, siteURL: nil, force: force,
                                    includeFiles: true, log: log)
    }
}

/// Collects log lines from a running operation.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    var log: @Sendable (String) -> Void { { line in self.lock.lock(); self.lines.append(line); self.lock.unlock() } }

    var all: [String] {
        lock.lock(); defer { lock.unlock() }
        return lines
    }
}
