import Testing

/// Starts one private PostgreSQL and one private MariaDB for a suite and stops them afterwards, so
/// `swift test` needs only the packages installed (see .ci/services.sh), not running services.
public struct DatabaseServersTrait: SuiteTrait, TestScoping {
    public init() {}

    public func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void) async throws {
        let postgres = try TestPostgres()
        defer { postgres.stop() }
        let mariadb = try TestMariaDB()
        defer { mariadb.stop() }
        try await TestServers.$current.withValue(TestServers(postgres: postgres, mariadb: mariadb)) {
            try await function()
        }
    }
}

public struct TestServers: Sendable {
    public let postgres: TestPostgres
    public let mariadb: TestMariaDB

    @TaskLocal public static var current: TestServers?

    public static var available: Bool { TestPostgres.isAvailable && TestMariaDB.isAvailable }

    public static var servers: TestServers {
        get throws {
            guard let current else { throw TestProcess.Failure(description: "database servers not started: the test must be inside the end-to-end suite") }
            return current
        }
    }
}

extension Trait where Self == DatabaseServersTrait {
    public static var databaseServers: DatabaseServersTrait { DatabaseServersTrait() }
}
