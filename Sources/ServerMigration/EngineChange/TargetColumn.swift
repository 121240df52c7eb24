/// What a PostgreSQL column needs from a MySQL value. Every conversion is chosen by the PostgreSQL
/// column type (a `tinyint(4)` Scheme* flag is a boolean because PostgreSQL says so).
enum TargetKind: Equatable {
    case boolean
    case integer(minimum: Int64, maximum: Int64)
    case jsonb
    /// `varchar[]`/`text[]`, filled from a MySQL JSON array (RetentionIdsForDeletion.Ids).
    case textArray
    case bytea
    case enumeration(labels: [String])
    /// text, varchar(n) (n in characters) and character(n).
    case text(maximumCharacters: Int?)
    case timestamp
    /// numeric, real, double and anything else PostgreSQL parses from the MySQL text form.
    case other

    /// Maps a catalog row: `format_type`, `typtype`, `typcategory`, enum labels.
    static func from(formattedType: String, typeType: String, category: String, enumLabels: [String]) -> TargetKind {
        if typeType == "e" { return .enumeration(labels: enumLabels) }
        if category == "A" { return .textArray }
        switch formattedType {
        case "boolean": return .boolean
        case "smallint": return .integer(minimum: Int64(Int16.min), maximum: Int64(Int16.max))
        case "integer": return .integer(minimum: Int64(Int32.min), maximum: Int64(Int32.max))
        case "bigint": return .integer(minimum: Int64.min, maximum: Int64.max)
        case "jsonb", "json": return .jsonb
        case "bytea": return .bytea
        case "text": return .text(maximumCharacters: nil)
        default: break
        }
        if formattedType.hasPrefix("character varying") || formattedType.hasPrefix("character(") || formattedType == "character" {
            let digits = formattedType.drop { $0 != "(" }.dropFirst().prefix { $0.isNumber }
            return .text(maximumCharacters: Int(digits))
        }
        if formattedType.hasPrefix("timestamp") || formattedType == "date" { return .timestamp }
        return .other
    }

    /// The SQL that prints a column's normalised value in PostgreSQL, matching `FieldConverter`'s
    /// normalised form of the MySQL value.
    func normalisedExpression(_ column: String) -> String {
        switch self {
        case .boolean: return "(\(column))::int::text"
        case .jsonb: return "(\(column))::jsonb::text"
        case .textArray: return "to_jsonb(\(column))::text"
        case .bytea: return "encode(\(column), 'hex')"
        default: return "(\(column))::text"
        }
    }
}

/// One destination column and the source column it is filled from.
struct ColumnMapping {
    var sourceName: String
    var sourceType: String
    var targetName: String
    var kind: TargetKind
    var notNull: Bool
}
