/// Every failure of the database clients (and of the server commands built on them). Each description
/// is one line that names the file or server involved and says what to do; none contains a password.
public struct DatabaseClientError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
