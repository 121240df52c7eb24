import Foundation

/// How the mysql/mariadb clients reach one MySQL or MariaDB endpoint: the login in a private defaults
/// file (mode 0600) passed with --defaults-extra-file, never in argv.
public struct MySQLConnection: Sendable {
    public let endpoint: DatabaseEndpoint
    /// What to check after a failed login, e.g. "the password in SqlSettings.DataSource".
    public let loginHint: String
    private let defaultsFile: SecretFile

    /// `writesEmptyPassword` false leaves an empty password out of the defaults file, so the
    /// caller's own option files (~/.my.cnf) can supply it.
    public init(endpoint: DatabaseEndpoint, loginHint: String, writesEmptyPassword: Bool = true) throws {
        self.endpoint = endpoint
        self.loginHint = loginHint
        func quoted(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var lines = ["[client]", "user=\(quoted(endpoint.user))"]
        if writesEmptyPassword || !endpoint.password.isEmpty { lines.append("password=\(quoted(endpoint.password))") }
        if endpoint.isUnixSocket {
            lines.append("socket=\(quoted(endpoint.host))")
        } else {
            lines.append("host=\(quoted(endpoint.host))")
            lines.append("port=\(endpoint.port ?? 3306)")
            lines.append("protocol=TCP")
        }
        // mysqldump rejects connect-timeout, so it goes to the mysql client's own group.
        lines.append("[mysql]")
        lines.append("connect-timeout=\(endpoint.parameters["timeout"].flatMap { Int($0.filter(\.isNumber)) } ?? 10)")
        defaultsFile = try SecretFile(contents: lines.joined(separator: "\n") + "\n", name: "my.cnf")
    }

    /// The interactive client: `mysql`, or `mariadb` where only that is installed.
    public static var clientTool: String { ToolLocator.firstAvailable(["mysql", "mariadb"]) }

    /// A run of `tool` (mysql, mysqldump, …) against this endpoint.
    public func invocation(_ tool: String, _ arguments: [String]) -> ToolInvocation {
        let endpoint = endpoint, loginHint = loginHint, defaultsFile = defaultsFile
        // --defaults-extra-file must come first.
        return ToolInvocation(tool: tool, arguments: ["--defaults-extra-file=\(defaultsFile.path)"] + arguments) { tool, status, standardError in
            _ = defaultsFile
            return Self.failure(endpoint: endpoint, loginHint: loginHint, tool: tool, status: status, standardError: standardError)
        }
    }

    /// A tool's failure as one line naming the database (never the password).
    public static func failure(endpoint: DatabaseEndpoint, loginHint: String, tool: String, status: String, standardError: String) -> DatabaseClientError {
        let message = endpoint.redacting(standardError)
        let origin = endpoint.origin.isEmpty ? "" : " (from \(endpoint.origin))"
        if message.contains("Access denied for user") && !message.contains("to database") {
            return DatabaseClientError("cannot log in to \(endpoint)\(origin): access denied; check \(loginHint)")
        }
        if message.contains("Can't connect") || message.contains("Unknown MySQL server host") || message.contains("Unknown server host") {
            return DatabaseClientError("cannot reach \(endpoint)\(origin): \(lastLine(message)); check the server is running and the host and port")
        }
        if message.contains("Unknown database") {
            return DatabaseClientError("\(endpoint)\(origin) does not exist; create the database first")
        }
        return DatabaseClientError("\(tool) failed (\(status)) on \(endpoint): \(lastLine(message))")
    }
}
