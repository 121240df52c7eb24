import Foundation

/// A private throwaway PostgreSQL cluster on a free loopback port (initdb + pg_ctl in a temp dir,
/// run as the `postgres` user when the tests run as root). Password auth over TCP, trust on its socket.
public final class TestPostgres: @unchecked Sendable {
    public static let binDirectory: String? = {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []).compactMap(Int.init).sorted(by: >)
        return versions.map { "\(base)/\($0)/bin" }.first { FileManager.default.isExecutableFile(atPath: "\($0)/initdb") }
    }()

    public static var isAvailable: Bool {
        binDirectory != nil && (getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser"))
    }

    public let directory: String
    public let port: Int
    public let user = "mmuser"
    public let password = "pg-Sécret:42\\x"
    private let bin: String
    private let owner = "postgres"

    public init() throws {
        bin = TestPostgres.binDirectory!
        directory = try TestProcess.makeTemporaryDirectory("mattermove-pg")
        port = TestProcess.freeLoopbackPort()
        if getuid() == 0 { try TestProcess.run("/bin/chown", [owner, directory]) }
        try TestProcess.runAs(owner, "\(bin)/initdb", ["-D", "\(directory)/data", "-U", "postgres", "--auth-local=trust",
                                                       "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "-N"])
        try TestProcess.runAs(owner, "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-l", "\(directory)/log", "-w", "-o",
                                                       "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
                                                       "start"])
        try admin("postgres", "CREATE ROLE \(user) LOGIN PASSWORD '\(password.replacingOccurrences(of: "'", with: "''"))'")
    }

    public func stop() {
        try? TestProcess.runAs(owner, "\(bin)/pg_ctl", ["-D", "\(directory)/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Runs SQL as the superuser over the private socket.
    @discardableResult
    public func admin(_ database: String, _ sql: String) throws -> String {
        try TestProcess.run("\(bin)/psql", ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", directory, "-p", String(port),
                                            "-U", "postgres", "-d", database], input: sql)
    }

    public func createDatabase(_ name: String) throws {
        try admin("postgres", "DROP DATABASE IF EXISTS \(name); CREATE DATABASE \(name) OWNER \(user);")
    }

    /// Runs SQL in `database` as the Mattermost user (so the tables belong to it).
    public func runAsUser(_ database: String, _ sql: String) throws {
        try admin(database, "SET ROLE \(user);\n" + sql)
    }

    public func dataSource(database: String, password: String? = nil) -> String {
        let encoded = (password ?? self.password).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return "postgres://\(user):\(encoded)@127.0.0.1:\(port)/\(database)?sslmode=disable&connect_timeout=10"
    }
}
