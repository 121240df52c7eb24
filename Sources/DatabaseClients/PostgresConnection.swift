import Foundation

/// How psql, pg_dump and pg_restore reach one PostgreSQL endpoint: the connection in PG* environment
/// variables and the password in a private PGPASSFILE (mode 0600), never in argv.
public struct PostgresConnection: Sendable {
    public let endpoint: DatabaseEndpoint
    /// What to check after a failed login, e.g. "the password in SqlSettings.DataSource".
    public let loginHint: String
    private let passwordFile: SecretFile?
    private let environment: [String: String]

    /// `writesPasswordFile` false with an empty password leaves the caller's own PGPASSFILE (or
    /// ~/.pgpass) to psql instead of a file holding an empty password.
    ///
    /// `clientEncoding` is what psql asks the server to send: UTF8 converts any other server encoding;
    /// SQL_ASCII gets an SQL_ASCII database's bytes unchecked (converting them would reject non-UTF-8).
    public init(endpoint: DatabaseEndpoint, loginHint: String, writesPasswordFile: Bool = true, clientEncoding: String = "UTF8") throws {
        self.endpoint = endpoint
        self.loginHint = loginHint
        func escaped(_ field: String) -> String {
            field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        }
        var environment = [
            "PGHOST": endpoint.host, "PGUSER": endpoint.user, "PGDATABASE": endpoint.database,
            "PGAPPNAME": "mattermove", "PGCLIENTENCODING": clientEncoding,
            "PGTZ": "UTC", "PGDATESTYLE": "ISO", "PGCONNECT_TIMEOUT": endpoint.parameters["connect_timeout"] ?? "10",
        ]
        if writesPasswordFile || !endpoint.password.isEmpty {
            let file = try SecretFile(contents: "*:*:*:\(escaped(endpoint.user)):\(escaped(endpoint.password))\n", name: "pgpass")
            environment["PGPASSFILE"] = file.path
            passwordFile = file
        } else {
            passwordFile = nil
        }
        if let port = endpoint.port { environment["PGPORT"] = String(port) }
        if let sslMode = endpoint.parameters["sslmode"] { environment["PGSSLMODE"] = sslMode }
        self.environment = environment
    }

    /// A run of `tool` (psql, pg_dump, …) against this endpoint.
    public func invocation(_ tool: String, _ arguments: [String]) -> ToolInvocation {
        let endpoint = endpoint, loginHint = loginHint
        // The password file must live as long as the run: the closure keeps this connection's file.
        let passwordFile = passwordFile
        return ToolInvocation(tool: tool, arguments: arguments, environment: environment) { tool, status, standardError in
            _ = passwordFile
            return Self.failure(endpoint: endpoint, loginHint: loginHint, tool: tool, status: status, standardError: standardError)
        }
    }

    /// A tool's failure as one line naming the database (never the password).
    public static func failure(endpoint: DatabaseEndpoint, loginHint: String, tool: String, status: String, standardError: String) -> DatabaseClientError {
        let message = endpoint.redacting(standardError)
        let origin = endpoint.origin.isEmpty ? "" : " (from \(endpoint.origin))"
        if message.contains("password authentication failed") || message.contains("no password supplied") {
            return DatabaseClientError("cannot log in to \(endpoint)\(origin): password authentication failed; check \(loginHint)")
        }
        if message.contains("Connection refused") || message.contains("could not translate host name") || message.contains("timeout expired") || message.contains("No such file or directory\n\tIs the server") {
            return DatabaseClientError("cannot reach \(endpoint)\(origin): \(lastLine(message)); check the server is running and the host and port")
        }
        if message.contains("database \"\(endpoint.database)\" does not exist") {
            return DatabaseClientError("\(endpoint)\(origin) does not exist; create the database first (CREATE DATABASE \(endpoint.database) OWNER \(endpoint.user))")
        }
        return DatabaseClientError("\(tool) failed (\(status)) on \(endpoint): \(lastLine(message))")
    }
}
