/// The columns one table has (lower case, from `SQLRowReader.columns(of:)`), so a reader can write one
/// SELECT that fits every schema version of that table: an absent optional column is read as NULL.
public struct TableColumns: Sendable {
    public let names: Set<String>

    public init(_ database: any SQLRowReader, table: String) throws {
        names = Set(try database.columns(of: table))
    }

    /// Whether the table has every one of `required` (lower case).
    public func has(_ required: String...) -> Bool {
        names.isSuperset(of: required)
    }

    /// `name` as written (any case) when the table has it, else `NULL`.
    public func orNull(_ name: String) -> String {
        names.contains(name.lowercased()) ? name : "NULL"
    }
}
