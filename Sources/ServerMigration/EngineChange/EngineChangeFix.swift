/// One value changed on the way into PostgreSQL, reported with table, column and row key.
public struct EngineChangeFix: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case truncated = "cut to the column's length"
        case nullCharacterRemoved = "\\u0000 removed"
        case invalidUTF8Replaced = "invalid UTF-8 replaced with U+FFFD"
        case invalidJSONWrapped = "invalid JSON kept as a JSON string"
        case notNullFilled = "NULL in a NOT NULL column replaced by the empty value"
        case zeroDate = "zero date replaced"
        case outOfRange = "number out of the column's range clamped"
        case unknownEnumValue = "value not in the enum type replaced"
        case notAnArray = "value that is no JSON array replaced"
    }

    public var table: String
    public var column: String
    public var rowKey: String
    public var kind: Kind
    public var detail: String

    public var description: String { "\(table).\(column) row \(rowKey): \(kind.rawValue)\(detail.isEmpty ? "" : " (\(detail))")" }
}
