import Foundation

/// A private throwaway MariaDB server (stands in for MySQL) with lower_case_table_names=0, the Linux
/// default, on a free loopback port. Root logs in over its socket; the Mattermost user over TCP.
public final class TestMariaDB: @unchecked Sendable {
    public static let serverPath = ["/usr/sbin/mariadbd", "/usr/sbin/mysqld"].first { FileManager.default.isExecutableFile(atPath: $0) }
    public static let installPath = ["/usr/bin/mariadb-install-db", "/usr/bin/mysql_install_db"].first { FileManager.default.isExecutableFile(atPath: $0) }
    public static let clientPath = ["/usr/bin/mariadb", "/usr/bin/mysql"].first { FileManager.default.isExecutableFile(atPath: $0) }

    public static var isAvailable: Bool { serverPath != nil && installPath != nil && clientPath != nil }

    public let directory: String
    public let port: Int
    public let user = "mmuser"
    public let password = "my-Sécret\"42\\x"
    private var serverProcess: pid_t = 0

    public var socket: String { "\(directory)/mysqld.sock" }

    public init() throws {
        directory = try TestProcess.makeTemporaryDirectory("mattermove-mariadb")
        port = TestProcess.freeLoopbackPort()
        let runAsUser = getuid() == 0 ? ["--user=mysql"] : []
        // Its own temporary folder: with the shared /tmp, two servers set up at once by parallel suites
        // once failed ("Could not remove temporary table … Unknown table 'mysql.tmp_user_sys'").
        let temporary = "\(directory)/tmp"
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
        if getuid() == 0 { try TestProcess.run("/bin/chown", ["mysql", directory, temporary]) }
        try TestProcess.run(Self.installPath!, ["--no-defaults", "--datadir=\(directory)/data", "--auth-root-authentication-method=normal",
                                                "--skip-test-db", "--tmpdir=\(temporary)"] + runAsUser)
        serverProcess = try TestProcess.spawn(Self.serverPath!, ["--no-defaults", "--datadir=\(directory)/data", "--tmpdir=\(temporary)", "--socket=\(socket)", "--port=\(port)",
                             "--bind-address=127.0.0.1", "--pid-file=\(directory)/mysqld.pid", "--lower-case-table-names=0",
                             "--skip-log-bin", "--innodb-buffer-pool-size=128M", "--innodb-flush-log-at-trx-commit=0",
                             "--log-error=\(directory)/error.log", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_general_ci"] + runAsUser)
        for _ in 0..<300 {
            if (try? admin(nil, "SELECT 1")) != nil { break }
            usleep(100_000)
        }
        let quoted = password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        try admin(nil, "CREATE USER '\(user)'@'%' IDENTIFIED BY '\(quoted)'; CREATE USER '\(user)'@'localhost' IDENTIFIED BY '\(quoted)'; GRANT ALL ON *.* TO '\(user)'@'%'; GRANT ALL ON *.* TO '\(user)'@'localhost';")
    }

    public func stop() {
        kill(serverProcess, SIGTERM)
        var status: Int32 = 0
        waitpid(serverProcess, &status, 0)
        try? FileManager.default.removeItem(atPath: directory)
    }

    @discardableResult
    public func admin(_ database: String?, _ sql: String) throws -> String {
        try TestProcess.run(Self.clientPath!, ["--no-defaults", "-S", socket, "-u", "root", "--batch", "--skip-column-names",
                                               "--default-character-set=utf8mb4"] + (database.map { [$0] } ?? []), input: sql)
    }

    public func createDatabase(_ name: String) throws {
        try admin(nil, "DROP DATABASE IF EXISTS \(name); CREATE DATABASE \(name) CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;")
    }

    public func dataSource(database: String, password: String? = nil) -> String {
        "\(user):\(password ?? self.password)@tcp(127.0.0.1:\(port))/\(database)?charset=utf8mb4,utf8&writeTimeout=30s"
    }
}
