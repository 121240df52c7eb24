import MattermostImport
import SourceToolkit

/// One row of input as the mapping reads it: CSV fields or a JSON object, with where it came from.
struct InputRow {
    enum Storage {
        case csv([String])
        case json(JSONObject)
    }

    var storage: Storage
    var file: String
    var row: Int
    var line: Int

    init(_ record: CSVRecord, file: String) {
        storage = .csv(record.fields)
        self.file = file
        row = record.row
        line = record.line
    }

    init(_ record: JSONLinesRecord, file: String) {
        storage = .json(record.object)
        self.file = file
        row = record.line
        line = record.line
    }

    /// A problem with this row, in one of its columns.
    func error(_ column: String?, _ reason: String) -> CSVSourceError {
        CSVSourceError(file: file, row: row, line: line, column: column, reason: reason)
    }
}

/// A value found at a field reference.
enum FieldValue {
    case text(String)
    case list([JSONValue])
    case object(JSONObject)
}

/// A `FieldReference` resolved against one file: a 0-based CSV column or a JSON path.
struct ResolvedField {
    enum Location {
        case column(Int)
        case path([String])
    }

    var location: Location
    /// How messages name it: `3 (fields.user)`, `"author" (fields.user)`.
    var label: String

    /// The value in `row`; `nil` when absent, null or empty.
    func value(in row: InputRow) -> FieldValue? {
        switch (location, row.storage) {
        case (.column(let index), .csv(let fields)):
            guard index < fields.count, !fields[index].isEmpty else { return nil }
            return .text(fields[index])
        case (.path(let path), .json(let object)):
            var current = JSONValue.object(object)
            for component in path {
                switch current {
                case .object(let object): guard let next = object[component] else { return nil }; current = next
                case .array(let array): guard let index = Int(component), array.indices.contains(index) else { return nil }; current = array[index]
                default: return nil
                }
            }
            return Self.fieldValue(current)
        default:
            return nil
        }
    }

    static func fieldValue(_ value: JSONValue) -> FieldValue? {
        switch value {
        case .null: nil
        case .string(let text): text.isEmpty ? nil : .text(text)
        case .bool(let flag): .text(flag ? "true" : "false")
        case .int(let number): .text(String(number))
        case .double(let number): .text(number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number))
        case .number(let text): .text(text)
        case .array(let array): array.isEmpty ? nil : .list(array)
        case .object(let object): .object(object)
        }
    }
}
