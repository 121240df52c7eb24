/// Every failure the server commands report. Each description is one line that names the file or
/// server involved and says what to do; none contains a password.
public struct ServerMigrationError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }

    static func config(_ path: String, _ problem: String) -> Self {
        Self("\(path): \(problem)")
    }

    static func archive(_ path: String, _ problem: String) -> Self {
        Self("backup \(path): \(problem)")
    }
}
