import DatabaseClients
import Foundation

/// Opens what a reader's `--database` names: a `postgres://…` or `mysql://…` (`mariadb://…`) URL, or
/// an SQLite file path.
public enum SQLDatabase {
    /// `passwordFile` (`--password-file`) holds a server database's password; see
    /// `DatabaseEndpoint.parse(url:passwordFile:environment:)` for the other places it may come from.
    public static func open(_ database: String, passwordFile: String?,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any SQLRowReader {
        guard DatabaseEndpoint.isURL(database) else {
            if passwordFile != nil { throw SQLSourceError("--password-file is for a postgres:// or mysql:// --database, not an SQLite file") }
            return try SQLiteRowReader(path: database)
        }
        let endpoint = try SQLSourceError.wrapping(nil) { try DatabaseEndpoint.parse(url: database, passwordFile: passwordFile, environment: environment) }
        switch endpoint.kind {
        case .postgres: return try PostgresRowReader(endpoint: endpoint)
        case .mysql: return try MySQLRowReader(endpoint: endpoint)
        }
    }
}

extension SQLSourceError {
    /// Runs `work`, turning a database client's one-line error into this type (its text already
    /// names the database; `name` prefixes errors that do not).
    static func wrapping<T>(_ name: String?, _ work: () throws -> T) throws -> T {
        do { return try work() } catch let error as DatabaseClientError {
            let text = error.description
            throw SQLSourceError(name.map { text.contains($0) ? text : "\($0): \(text)" } ?? text)
        }
    }
}
