import Foundation

/// The database engine behind a Mattermost server (`SqlSettings.DriverName`).
public enum DatabaseKind: String, Codable, Sendable {
    case postgres
    case mysql
}

/// Where a database lives and how to log in, parsed from `SqlSettings.DataSource`.
///
/// `description` never includes the password, so an endpoint can be printed in errors and reports.
public struct DatabaseEndpoint: Sendable, CustomStringConvertible {
    public var kind: DatabaseKind
    public var user: String
    public var password: String
    /// Host name or, for a Unix socket, the socket path (MySQL) or socket directory (PostgreSQL).
    public var host: String
    public var port: Int?
    public var isUnixSocket: Bool
    public var database: String
    /// DSN query parameters (sslmode, connect_timeout, charset, …).
    public var parameters: [String: String]
    /// Where the DSN came from (a config file path), for error messages.
    public var origin: String = ""

    public var description: String {
        let address = isUnixSocket ? host : "\(host):\(port.map(String.init) ?? "default port")"
        return "\(kind == .postgres ? "PostgreSQL" : "MySQL") database \(database) at \(address) as user \(user)"
    }

    /// The character set to dump and restore MySQL with: the first one the DSN's `charset=` lists.
    public var mysqlCharset: String {
        parameters["charset"]?.split(separator: ",").first.map(String.init) ?? "utf8mb4"
    }

    /// Parses a DSN in either of Mattermost's formats. `origin` names where it came from, for errors.
    public static func parse(driver: String, dataSource: String, origin: String) throws -> DatabaseEndpoint {
        switch driver.lowercased() {
        case "postgres", "postgresql":
            return try parsePostgres(dataSource, origin: origin)
        case "mysql":
            return try parseMySQL(dataSource, origin: origin)
        default:
            throw DatabaseClientError("\(origin): SqlSettings.DriverName \"\(driver)\" is not supported; use postgres or mysql")
        }
    }

    /// `postgres://user:pass@host:port/db?sslmode=disable&connect_timeout=10`.
    public static func parsePostgres(_ dataSource: String, origin: String) throws -> DatabaseEndpoint {
        guard let components = URLComponents(string: dataSource),
              components.scheme == "postgres" || components.scheme == "postgresql"
        else {
            throw DatabaseClientError("\(origin): SqlSettings.DataSource is not a postgres:// URL; fix it to postgres://user:password@host:5432/database")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        let database = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty else {
            throw DatabaseClientError("\(origin): SqlSettings.DataSource names no database; add /database after the host")
        }
        var host = components.host ?? ""
        var isSocket = false
        if let socketHost = parameters["host"], socketHost.hasPrefix("/") {
            host = socketHost
            isSocket = true
        }
        if host.isEmpty { host = "localhost" }
        return DatabaseEndpoint(
            kind: .postgres,
            user: components.user ?? parameters["user"] ?? "",
            password: components.password ?? parameters["password"] ?? "",
            host: host,
            port: components.port ?? parameters["port"].flatMap(Int.init),
            isUnixSocket: isSocket,
            database: database,
            parameters: parameters
        )
    }

    /// Go MySQL driver format: `user:pass@tcp(host:port)/db?charset=utf8mb4,utf8&…` or `…@unix(/path)/db`.
    public static func parseMySQL(_ dataSource: String, origin: String) throws -> DatabaseEndpoint {
        let invalid = DatabaseClientError("\(origin): SqlSettings.DataSource is not a MySQL DSN; fix it to user:password@tcp(host:3306)/database?charset=utf8mb4,utf8")
        var rest = dataSource
        if rest.hasPrefix("mysql://") { rest.removeFirst("mysql://".count) }
        var query = ""
        if let questionMark = rest.lastIndex(of: "?"), rest[questionMark...].firstIndex(of: "/") == nil {
            query = String(rest[rest.index(after: questionMark)...])
            rest = String(rest[..<questionMark])
        }
        guard let slash = rest.lastIndex(of: "/") else { throw invalid }
        let database = String(rest[rest.index(after: slash)...])
        let prefix = rest[..<slash]
        var credentials = Substring("")
        var address = prefix
        if let at = prefix.lastIndex(of: "@") {
            credentials = prefix[..<at]
            address = prefix[prefix.index(after: at)...]
        }
        var user = String(credentials)
        var password = ""
        if let colon = credentials.firstIndex(of: ":") {
            user = String(credentials[..<colon])
            password = String(credentials[credentials.index(after: colon)...])
        }
        var network = "tcp"
        var hostAndPort = "127.0.0.1:3306"
        if let open = address.firstIndex(of: "("), address.last == ")" {
            network = String(address[..<open])
            hostAndPort = String(address[address.index(after: open)..<address.index(before: address.endIndex)])
        } else if !address.isEmpty {
            throw invalid
        }
        guard !database.isEmpty else {
            throw DatabaseClientError("\(origin): SqlSettings.DataSource names no database; add /database after the address")
        }
        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let value = parts.count > 1 ? String(parts[1]) : ""
            parameters[String(parts[0])] = value.removingPercentEncoding ?? value
        }
        if network == "unix" {
            return DatabaseEndpoint(kind: .mysql, user: user, password: password, host: hostAndPort, port: nil,
                                    isUnixSocket: true, database: database, parameters: parameters)
        }
        var host = hostAndPort
        var port = 3306
        if let colon = hostAndPort.lastIndex(of: ":") {
            host = String(hostAndPort[..<colon])
            guard let parsed = Int(hostAndPort[hostAndPort.index(after: colon)...]) else { throw invalid }
            port = parsed
        }
        return DatabaseEndpoint(kind: .mysql, user: user, password: password, host: host.isEmpty ? "127.0.0.1" : host,
                                port: port, isUnixSocket: false, database: database, parameters: parameters)
    }

    /// Removes the password from text a child process printed, in case a tool ever echoes it.
    public func redacting(_ text: String) -> String {
        guard !password.isEmpty else { return text }
        return text.replacingOccurrences(of: password, with: "****")
    }
}
