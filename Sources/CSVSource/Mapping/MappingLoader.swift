import Foundation
import Yams

/// A mapping file that cannot be used, naming the key and what was expected:
/// `mapping.yaml line 4: fields.user: expected a column name, a column number or a JSON path`.
public struct MappingError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String
    public var expected: String

    public var description: String {
        "\(file)\(line.map { " line \($0)" } ?? ""): \(key.isEmpty ? "" : key + ": ")\(expected)"
    }
}

/// Reads a YAML mapping file (see Examples/bespoke/mapping.yaml):
///
///     csv: {header: true, delimiter: auto, backslash_escapes: false}
///     fields: {user: author, channel: room, timestamp: sent, text: body, …}
///     timestamp: {format: iso8601, time_zone: Europe/Berlin}
///     edited_at: {format: unix_ms}
///     list_separator: ";"
///
/// Every key is checked: an unknown key or a value of the wrong kind is an error naming it.
public enum MappingLoader {
    public static func load(_ url: URL) throws -> BespokeMapping {
        let name = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw MappingError(file: name, key: "", expected: "cannot be read as a UTF-8 text file")
        }
        return try parse(text, file: name)
    }

    public static func parse(_ text: String, file: String = "mapping") throws -> BespokeMapping {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw MappingError(file: file, key: "", expected: "not valid YAML: \(String(describing: error).split(whereSeparator: \.isNewline).first ?? "")")
        }
        let reader = NodeReader(file: file)
        guard let root, let top = root.mapping else {
            throw MappingError(file: file, line: root?.mark?.line, key: "", expected: "expected a mapping with the keys csv, fields, timestamp, edited_at, list_separator")
        }
        var mapping = BespokeMapping()
        try reader.checkKeys(top, path: "", allowed: ["csv", "fields", "timestamp", "edited_at", "list_separator"])
        if let csv = top["csv"] {
            let csvMap = try reader.mapping(csv, path: "csv")
            try reader.checkKeys(csvMap, path: "csv", allowed: ["header", "delimiter", "backslash_escapes"])
            if let header = csvMap["header"] { mapping.header = try reader.bool(header, path: "csv.header") }
            if let escapes = csvMap["backslash_escapes"] { mapping.backslashEscapes = try reader.bool(escapes, path: "csv.backslash_escapes") }
            if let delimiter = csvMap["delimiter"] {
                let value = try reader.string(delimiter, path: "csv.delimiter")
                switch value {
                case "auto": mapping.delimiter = nil
                case ",", "comma": mapping.delimiter = .comma
                case ";", "semicolon": mapping.delimiter = .semicolon
                case "\t", "tab": mapping.delimiter = .tab
                default: throw reader.error(delimiter, "csv.delimiter", "expected \",\", \";\", tab or auto, found \"\(value)\"")
                }
            }
        }
        guard let fieldsNode = top["fields"] else {
            throw MappingError(file: file, line: root.mark?.line, key: "fields", expected: "missing: expected a mapping of user, channel or dm_members, timestamp, text, …")
        }
        let fields = try reader.mapping(fieldsNode, path: "fields")
        try reader.checkKeys(fields, path: "fields", allowed: BespokeMapping.Fields.keys.map(\.0))
        for (key, keyPath) in BespokeMapping.Fields.keys {
            if let node = fields[key] { mapping.fields[keyPath: keyPath] = try reader.reference(node, path: "fields.\(key)") }
        }
        if mapping.fields.user == nil {
            throw MappingError(file: file, line: fieldsNode.mark?.line, key: "fields.user", expected: "missing: expected the column or JSON path of the author's username")
        }
        if mapping.fields.timestamp == nil {
            throw MappingError(file: file, line: fieldsNode.mark?.line, key: "fields.timestamp", expected: "missing: expected the column or JSON path of the message time")
        }
        if mapping.fields.channel == nil && mapping.fields.dmMembers == nil {
            throw MappingError(file: file, line: fieldsNode.mark?.line, key: "fields.channel", expected: "missing: expected a channel column (or fields.dm_members for direct messages)")
        }
        if let node = top["timestamp"] { mapping.timestamp = try reader.timestampFormat(node, path: "timestamp") }
        if let node = top["edited_at"] { mapping.editedAt = try reader.timestampFormat(node, path: "edited_at") }
        if let node = top["list_separator"] {
            mapping.listSeparator = try reader.string(node, path: "list_separator")
            if mapping.listSeparator.isEmpty { throw reader.error(node, "list_separator", "expected a non-empty separator such as \";\"") }
        }
        return mapping
    }
}

/// Typed reads of YAML nodes that fail with a `MappingError` naming the key.
private struct NodeReader {
    let file: String

    func error(_ node: Node, _ path: String, _ expected: String) -> MappingError {
        MappingError(file: file, line: node.mark?.line, key: path, expected: expected)
    }

    func mapping(_ node: Node, path: String) throws -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, path, "expected a mapping (key: value lines)") }
        return mapping
    }

    func checkKeys(_ mapping: Node.Mapping, path: String, allowed: [String]) throws {
        for (key, _) in mapping {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                throw error(key, path.isEmpty ? name : "\(path).\(name)", "unknown key (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
    }

    func string(_ node: Node, path: String) throws -> String {
        guard let scalar = node.scalar else { throw error(node, path, "expected a single value") }
        return scalar.string
    }

    func bool(_ node: Node, path: String) throws -> Bool {
        switch try string(node, path: path).lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        case let other: throw error(node, path, "expected true or false, found \"\(other)\"")
        }
    }

    func reference(_ node: Node, path: String) throws -> FieldReference {
        guard let scalar = node.scalar, !scalar.string.isEmpty else {
            throw error(node, path, "expected a column name, a column number (1 = first) or a JSON path")
        }
        // A plain number is a column number; a quoted one ("2") is a column named 2.
        if scalar.style == .plain, let number = Int(scalar.string) {
            guard number >= 1 else { throw error(node, path, "expected a column number of 1 or more, found \(number)") }
            return .number(number)
        }
        return .name(scalar.string)
    }

    func timestampFormat(_ node: Node, path: String) throws -> TimestampFormat {
        let map = try mapping(node, path: path)
        try checkKeys(map, path: path, allowed: ["format", "time_zone"])
        var format = TimestampFormat()
        if let zoneNode = map["time_zone"] {
            let name = try string(zoneNode, path: "\(path).time_zone")
            guard let zone = TimeZone(identifier: name) else {
                throw error(zoneNode, "\(path).time_zone", "expected a time zone name such as UTC or Europe/Berlin, found \"\(name)\"")
            }
            format.timeZone = zone
        }
        if let formatNode = map["format"] {
            let name = try string(formatNode, path: "\(path).format")
            if let kind = TimestampFormat.names[name] {
                format.kind = kind
            } else if name.contains("yy") && (name.contains("M") || name.contains("d")) {
                // A date pattern must at least name the year and the month or day.
                format.kind = .pattern(name)
            } else {
                throw error(formatNode, "\(path).format",
                            "expected unix_s, unix_ms, unix_us, iso8601, auto or a date pattern such as \"yyyy-MM-dd HH:mm:ss\", found \"\(name)\"")
            }
        }
        return format
    }
}
