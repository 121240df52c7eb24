/// Where a value is in a row: a CSV column by 1-based number or header name, or a JSON path
/// (`user.name`, `files.0.path`, an optional leading `$.`).
public enum FieldReference: Sendable, Equatable, CustomStringConvertible {
    case number(Int)
    case name(String)

    /// The path components of a JSON reference.
    var jsonPath: [String] {
        switch self {
        case .number(let number): ["\(number)"]
        case .name(let name):
            (name.hasPrefix("$.") ? String(name.dropFirst(2)) : name).split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        }
    }

    public var description: String {
        switch self {
        case .number(let number): "\(number)"
        case .name(let name): "\"\(name)\""
        }
    }
}
