import Foundation

/// Decodes one export file and turns failures into `SlackSourceError.malformedJSON` with the entry name
/// and the byte offset of the first syntax error.
enum SlackJSONDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, archive: String, entry: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw SlackSourceError.malformedJSON(archive: archive, entry: entry, offset: syntaxErrorOffset(data),
                                                 detail: describe(error))
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return components.isEmpty ? "" : " at \(components)"
        }
        switch error {
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "bad value\(path(context))"
        case .typeMismatch(let type, let context):
            let name = String(describing: type)
            let expected = name.hasPrefix("Array") ? "an array" : name.hasPrefix("Dictionary") ? "an object" : name
            return "expected \(expected)\(path(context))"
        case .keyNotFound(let key, let context):
            return "missing \"\(key.stringValue)\"\(path(context))"
        case .valueNotFound(_, let context):
            return "null value\(path(context))"
        @unknown default:
            return "cannot decode"
        }
    }

    /// The byte offset of the first JSON syntax error, or `nil` when the text is valid JSON (then the
    /// problem is the shape, reported by path instead). A small recursive-descent checker used only on
    /// the error path, because Foundation's errors give no byte offset.
    static func syntaxErrorOffset(_ data: Data) -> Int? {
        let bytes = [UInt8](data)
        var position = 0
        var depth = 0

        func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }
        func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard position + w.count <= bytes.count, Array(bytes[position..<(position + w.count)]) == w else { return false }
            position += w.count
            return true
        }
        func string() -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return false }
            position += 1
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") { position += 1; return true }
                if byte == UInt8(ascii: "\\") { position += 2; continue }
                if byte < 0x20 { return false }
                position += 1
            }
            return false
        }
        func number() -> Bool {
            let start = position
            while position < bytes.count, "+-0123456789.eE".utf8.contains(bytes[position]) { position += 1 }
            return position > start
        }
        func value() -> Bool {
            skipSpace()
            guard position < bytes.count else { return false }
            switch bytes[position] {
            case UInt8(ascii: "{"):
                depth += 1
                guard depth < 512 else { return false }
                position += 1
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; depth -= 1; return true }
                while true {
                    skipSpace()
                    guard string() else { return false }
                    skipSpace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
                    position += 1
                    guard value() else { return false }
                    skipSpace()
                    guard position < bytes.count else { return false }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "}") { position += 1; depth -= 1; return true }
                    return false
                }
            case UInt8(ascii: "["):
                depth += 1
                guard depth < 512 else { return false }
                position += 1
                skipSpace()
                if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; depth -= 1; return true }
                while true {
                    guard value() else { return false }
                    skipSpace()
                    guard position < bytes.count else { return false }
                    if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                    if bytes[position] == UInt8(ascii: "]") { position += 1; depth -= 1; return true }
                    return false
                }
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number()
            }
        }
        if value() {
            skipSpace()
            return position == bytes.count ? nil : position
        }
        return min(position, bytes.count)
    }
}
