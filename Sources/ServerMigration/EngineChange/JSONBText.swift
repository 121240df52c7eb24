import MattermostImport

/// Renders a `JSONValue` exactly as PostgreSQL prints a `jsonb` value (`jsonb::text`): keys sorted
/// by byte length then bytes, the last of duplicate keys kept, `", "` and `": "` separators, numbers
/// in `numeric` form. The same text is loaded into the jsonb column and hashed for verification, so
/// the checksum compares what PostgreSQL stored with what MySQL held.
enum JSONBText {
    struct InvalidNumber: Error {}

    /// The rendered text, or nil when a number is not valid JSON (PostgreSQL would reject it).
    static func render(_ value: JSONValue) -> String? {
        var output = ""
        return write(value, into: &output) ? output : nil
    }

    private static func write(_ value: JSONValue, into output: inout String) -> Bool {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let text):
            guard let number = numericText(text) else { return false }
            output += number
        case .int(let number):
            output += String(number)
        case .double(let number):
            // Not produced by `parseKeepingNumberText`; rendered through the same numeric rules.
            guard number.isFinite, let text = numericText("\(number)") else { return false }
            output += text
        case .string(let text): appendQuoted(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += ", " }
                guard write(item, into: &output) else { return false }
            }
            output += "]"
        case .object(let object):
            var latest: [String: JSONValue] = [:]
            for entry in object.members { latest[entry.key] = entry.value }
            let keys = latest.keys.sorted { left, right in
                let (a, b) = (Array(left.utf8), Array(right.utf8))
                return a.count != b.count ? a.count < b.count : a.lexicographicallyPrecedes(b)
            }
            output += "{"
            for (index, key) in keys.enumerated() {
                if index > 0 { output += ", " }
                appendQuoted(key, to: &output)
                output += ": "
                guard write(latest[key]!, into: &output) else { return false }
            }
            output += "}"
        }
        return true
    }

    /// PostgreSQL's `escape_json`: only quote, backslash and control characters are escaped.
    static func appendQuoted(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }

    /// A JSON number as PostgreSQL's `numeric` prints it: no exponent, the input's scale kept
    /// (`1.50` stays `1.50`, `1e2` becomes `100`, `-0` becomes `0`). Nil for text that is no JSON number.
    static func numericText(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        func digits() -> [UInt8] {
            let start = index
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            return Array(bytes[start..<index])
        }
        let integer = digits()
        guard !integer.isEmpty, integer.count == 1 || integer[0] != UInt8(ascii: "0") else { return nil }
        var fraction: [UInt8] = []
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fraction = digits()
            guard !fraction.isEmpty else { return nil }
        }
        var exponent = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                exponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentDigits = digits()
            guard !exponentDigits.isEmpty, exponentDigits.count < 6, let value = Int(String(decoding: exponentDigits, as: UTF8.self)) else { return nil }
            exponent = exponentNegative ? -value : value
        }
        guard index == bytes.count else { return nil }
        let all = integer + fraction
        let point = integer.count + exponent
        let scale = max(0, fraction.count - exponent)
        var integerPart: [UInt8]
        var fractionPart: [UInt8]
        if point <= 0 {
            integerPart = [UInt8(ascii: "0")]
            fractionPart = [UInt8](repeating: UInt8(ascii: "0"), count: -point) + all
        } else if point >= all.count {
            integerPart = all + [UInt8](repeating: UInt8(ascii: "0"), count: point - all.count)
            fractionPart = []
        } else {
            integerPart = Array(all[..<point])
            fractionPart = Array(all[point...])
        }
        if fractionPart.count < scale { fractionPart += [UInt8](repeating: UInt8(ascii: "0"), count: scale - fractionPart.count) }
        fractionPart = Array(fractionPart.prefix(scale))
        while integerPart.count > 1, integerPart[0] == UInt8(ascii: "0") { integerPart.removeFirst() }
        let isZero = !(integerPart + fractionPart).contains { $0 != UInt8(ascii: "0") }
        var result = (negative && !isZero ? "-" : "") + String(decoding: integerPart, as: UTF8.self)
        if scale > 0 { result += "." + String(decoding: fractionPart, as: UTF8.self) }
        return result
    }
}

extension JSONValue {
    /// This value with every U+0000 removed from strings and keys (jsonb rejects `\u0000`), and how
    /// many were removed. A text that literally holds a backslash and `u0000` parses to those six
    /// characters and is left alone.
    func removingNullCharacters() -> (JSONValue, Int) {
        switch self {
        case .string(let text):
            guard text.unicodeScalars.contains("\u{0}") else { return (self, 0) }
            var cleaned = String.UnicodeScalarView()
            var removed = 0
            for scalar in text.unicodeScalars { if scalar == "\u{0}" { removed += 1 } else { cleaned.append(scalar) } }
            return (.string(String(cleaned)), removed)
        case .array(let items):
            var removed = 0
            let cleaned = items.map { item -> JSONValue in
                let (value, count) = item.removingNullCharacters()
                removed += count
                return value
            }
            return (.array(cleaned), removed)
        case .object(let object):
            var removed = 0
            let cleaned = object.members.map { entry -> (key: String, value: JSONValue) in
                let (key, keyCount) = JSONValue.string(entry.key).removingNullCharacters()
                let (value, valueCount) = entry.value.removingNullCharacters()
                removed += keyCount + valueCount
                if case .string(let cleanedKey) = key { return (cleanedKey, value) }
                return (entry.key, value)
            }
            return (.object(JSONObject(cleaned)), removed)
        default:
            return (self, 0)
        }
    }
}
