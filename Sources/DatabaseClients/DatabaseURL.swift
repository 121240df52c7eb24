import Foundation

extension DatabaseEndpoint {
    /// The schemes `parse(url:…)` understands; anything else is a file path (SQLite).
    public static let urlSchemes = ["postgres", "postgresql", "mysql", "mariadb"]

    /// True when `text` names a database server rather than a file.
    public static func isURL(_ text: String) -> Bool {
        urlSchemes.contains { text.lowercased().hasPrefix($0 + "://") }
    }

    /// `postgres://user@host:port/db` or `mysql://user@host:port/db` (`mariadb://` too; `?socket=PATH`
    /// for a Unix socket). The password never comes from the URL, which a process listing shows: one in
    /// it is refused (without echoing the URL). It comes from `passwordFile`, else PGPASSWORD for
    /// PostgreSQL; without either the client tools' own files (PGPASSFILE, ~/.pgpass, ~/.my.cnf) apply.
    public static func parse(url: String, passwordFile: String?, environment: [String: String]) throws -> DatabaseEndpoint {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), urlSchemes.contains(scheme) else {
            throw DatabaseClientError("--database: not a postgres://user@host:port/database or mysql://user@host:port/database URL")
        }
        let kind: DatabaseKind = scheme.hasPrefix("postgres") ? .postgres : .mysql
        guard components.password == nil else {
            throw DatabaseClientError("--database: the URL holds a password, which other users can read in the process list; remove it and use --password-file FILE\(kind == .postgres ? ", PGPASSWORD or PGPASSFILE" : " or ~/.my.cnf")")
        }
        var parameters: [String: String] = [:]
        for item in components.queryItems ?? [] { parameters[item.name] = item.value ?? "" }
        let database = String(components.percentEncodedPath.dropFirst()).removingPercentEncoding ?? ""
        guard !database.isEmpty else { throw DatabaseClientError("--database: the URL names no database; add /database after the host") }
        let socket = parameters["socket"] ?? parameters["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        var endpoint = DatabaseEndpoint(
            kind: kind,
            user: components.user?.removingPercentEncoding ?? environment["USER"] ?? "",
            password: "",
            host: socket ?? (components.host.flatMap { $0.isEmpty ? nil : $0 } ?? (kind == .postgres ? "localhost" : "127.0.0.1")),
            port: socket == nil ? (components.port ?? (kind == .mysql ? 3306 : nil)) : nil,
            isUnixSocket: socket != nil,
            database: database,
            parameters: parameters
        )
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw DatabaseClientError("\(passwordFile): cannot read the password file; check the path and permissions")
            }
            endpoint.password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        } else if kind == .postgres, let password = environment["PGPASSWORD"] {
            endpoint.password = password
        }
        return endpoint
    }
}
