import DatabaseClients

/// Every failure the server commands report: the database clients' one-line error type, so a
/// failure raised by psql/mysql runs passes through unchanged.
public typealias ServerMigrationError = DatabaseClientError

extension DatabaseClientError {
    static func config(_ path: String, _ problem: String) -> Self {
        Self("\(path): \(problem)")
    }

    static func archive(_ path: String, _ problem: String) -> Self {
        Self("backup \(path): \(problem)")
    }
}
