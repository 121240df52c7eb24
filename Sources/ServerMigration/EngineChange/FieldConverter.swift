import MattermostImport

/// Converts one MySQL value (the bytes the mysql client printed, unescaped) into a PostgreSQL COPY
/// text field, and also writes the value's normalised form for the verification checksum.
///
/// The normalised form is what PostgreSQL prints through `TargetKind.normalisedExpression`: booleans
/// as 0/1, JSON as jsonb text, arrays as JSON, bytea as lower-case hex, everything else as text.
struct FieldConverter {
    /// Called for every value changed on the way (kind, detail).
    typealias Report = (EngineChangeFix.Kind, String) -> Void

    let mapping: ColumnMapping
    /// The enum labels as bytes, for comparing values without building strings.
    let labelBytes: [[UInt8]]

    init(mapping: ColumnMapping) {
        self.mapping = mapping
        if case .enumeration(let labels) = mapping.kind { labelBytes = labels.map { Array($0.utf8) } } else { labelBytes = [] }
    }

    /// Appends the COPY field to `copy` and the normalised value (nil for NULL) to `normalised`.
    func convert(_ value: [UInt8]?, copy: inout [UInt8], normalised: inout [UInt8]?, report: Report) {
        guard let value else {
            if mapping.notNull {
                let empty = emptyValue
                report(.notNullFilled, "set to \(empty.isEmpty ? "''" : empty)")
                convert(Array(empty.utf8), copy: &copy, normalised: &normalised, report: report)
            } else {
                copy.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                normalised = nil
            }
            return
        }
        switch mapping.kind {
        case .boolean:
            let isTrue = Self.isTrue(value)
            copy.append(isTrue ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            normalised = [isTrue ? UInt8(ascii: "1") : UInt8(ascii: "0")]
        case .integer(let minimum, let maximum):
            let text = String(decoding: value, as: UTF8.self)
            var number = Int64(text) ?? (Double(text).map { $0.rounded(.towardZero) }.flatMap { Int64(exactly: $0) } ?? 0)
            if Int64(text) == nil { report(.outOfRange, "'\(text.prefix(40))' is no integer, set to \(number)") }
            if number < minimum || number > maximum {
                let clamped = min(max(number, minimum), maximum)
                report(.outOfRange, "\(number) set to \(clamped)")
                number = clamped
            }
            let digits = Array(String(number).utf8)
            copy.append(contentsOf: digits)
            normalised = digits
        case .jsonb:
            let text = Array(jsonText(value, report: report).utf8)
            Self.appendEscaped(text, to: &copy)
            normalised = text
        case .textArray:
            arrayValue(value, copy: &copy, normalised: &normalised, report: report)
        case .bytea:
            let hex = value.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "F") ? $0 + 32 : $0 }
            copy.append(contentsOf: Array("\\\\x".utf8))
            copy.append(contentsOf: hex)
            normalised = hex
        case .enumeration(let labels):
            var text = String(decoding: value, as: UTF8.self)
            if !labels.contains(text) {
                let replacement = labels.first ?? ""
                report(.unknownEnumValue, "'\(text.prefix(40))' set to '\(replacement)'")
                text = replacement
            }
            let bytes = Array(text.utf8)
            Self.appendEscaped(bytes, to: &copy)
            normalised = bytes
        case .text(let maximum):
            let bytes = Self.cleanText(value, maximumCharacters: maximum, report: report)
            Self.appendEscaped(bytes, to: &copy)
            normalised = bytes
        case .timestamp:
            if value.starts(with: Array("0000-00-00".utf8)) {
                let replacement = mapping.notNull ? "1970-01-01 00:00:00" : nil
                report(.zeroDate, "set to \(replacement ?? "NULL")")
                if let replacement {
                    copy.append(contentsOf: Array(replacement.utf8))
                    normalised = Array(replacement.utf8)
                } else {
                    copy.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "N")])
                    normalised = nil
                }
            } else {
                let bytes = Self.cleanText(value, maximumCharacters: nil, report: report)
                Self.appendEscaped(bytes, to: &copy)
                normalised = bytes
            }
        case .other:
            let bytes = Self.cleanText(value, maximumCharacters: nil, report: report)
            Self.appendEscaped(bytes, to: &copy)
            normalised = bytes
        }
    }

    /// What a NULL becomes in a NOT NULL column (MySQL allowed NULL there, PostgreSQL does not).
    private var emptyValue: String {
        switch mapping.kind {
        case .boolean: return "0"
        case .integer: return "0"
        case .jsonb: return "{}"
        case .textArray: return "[]"
        case .enumeration(let labels): return labels.first ?? ""
        case .timestamp: return "1970-01-01 00:00:00"
        default: return ""
        }
    }

    static func isTrue(_ value: [UInt8]) -> Bool {
        switch String(decoding: value, as: UTF8.self).lowercased() {
        case "", "0", "false", "f", "n", "no", "off": return false
        default: return true
        }
    }

    /// JSON with invalid UTF-8 and `\u0000` fixed, rendered as jsonb text. Text that is no JSON is
    /// kept as a JSON string, so nothing is lost.
    private func jsonText(_ value: [UInt8], report: Report) -> String {
        let valid = Self.validUTF8(value, report: report)
        guard let parsed = try? JSONParser.parseKeepingNumberText(Array(valid)) else {
            report(.invalidJSONWrapped, "\(valid.count) bytes")
            return JSONBText.render(.string(Self.withoutNullCharacters(valid, report: report))) ?? "\"\""
        }
        let (cleaned, removed) = parsed.removingNullCharacters()
        if removed > 0 { report(.nullCharacterRemoved, "\(removed) in JSON") }
        if let rendered = JSONBText.render(cleaned) { return rendered }
        report(.invalidJSONWrapped, "invalid number")
        return JSONBText.render(.string(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: ""))) ?? "\"\""
    }

    private func arrayValue(_ value: [UInt8], copy: inout [UInt8], normalised: inout [UInt8]?, report: Report) {
        var elements: [String] = []
        switch try? JSONParser.parseKeepingNumberText(Array(Self.validUTF8(value, report: report))) {
        case .array(let items):
            for item in items {
                switch item {
                case .string(let text): elements.append(text)
                case .number(let text): elements.append(text)
                case .bool(let flag): elements.append(flag ? "true" : "false")
                default: report(.notAnArray, "non-string element dropped")
                }
            }
        default:
            report(.notAnArray, "set to an empty array")
        }
        elements = elements.map { $0.replacingOccurrences(of: "\u{0}", with: "") }
        var literal = "{"
        for (index, element) in elements.enumerated() {
            if index > 0 { literal += "," }
            literal += "\"" + element.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        literal += "}"
        Self.appendEscaped(Array(literal.utf8), to: &copy)
        normalised = Array((JSONBText.render(.array(elements.map(JSONValue.string))) ?? "[]").utf8)
    }

    /// Text with invalid UTF-8 replaced, NUL characters removed and cut to `maximumCharacters`.
    static func cleanText(_ value: [UInt8], maximumCharacters: Int?, report: Report) -> [UInt8] {
        var bytes = withoutNullBytes(validUTF8(value, report: report), report: report)
        if let maximumCharacters {
            let characters = characterCount(bytes)
            if characters > maximumCharacters {
                bytes = prefix(bytes, characters: maximumCharacters)
                report(.truncated, "\(characters) → \(maximumCharacters) characters")
            }
        }
        return bytes
    }

    private static func withoutNullBytes(_ value: [UInt8], report: Report) -> [UInt8] {
        guard value.contains(0) else { return value }
        let cleaned = value.filter { $0 != 0 }
        report(.nullCharacterRemoved, "\(value.count - cleaned.count) in text")
        return cleaned
    }

    private static func withoutNullCharacters(_ value: [UInt8], report: Report) -> String {
        String(decoding: withoutNullBytes(value, report: report), as: UTF8.self)
    }

    /// The bytes when they are valid UTF-8, else the bytes with each invalid sequence replaced.
    static func validUTF8(_ value: [UInt8], report: Report) -> [UInt8] {
        if isValidUTF8(value) { return value }
        report(.invalidUTF8Replaced, "\(value.count) bytes")
        return Array(String(decoding: value, as: UTF8.self).utf8)
    }

    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset($0) == nil }
    }

    /// Characters (Unicode scalars) in valid UTF-8, as PostgreSQL counts varchar(n).
    static func characterCount(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer(characterCount)
    }

    static func characterCount(_ buffer: UnsafeBufferPointer<UInt8>) -> Int {
        var continuations = 0
        for byte in buffer where byte & 0xC0 == 0x80 { continuations += 1 }
        return buffer.count - continuations
    }

    static func prefix(_ bytes: [UInt8], characters: Int) -> [UInt8] {
        var seen = 0
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
            if seen == characters { return Array(bytes[..<index]) }
            seen += 1
        }
        return bytes
    }

    /// COPY text format: backslash, newline, carriage return and tab are escaped.
    static func appendEscaped(_ bytes: [UInt8], to output: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { appendEscaped($0, to: &output) }
    }

    /// Copies runs of ordinary bytes at once; only the four special bytes are written one by one.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        var run = 0
        for (index, byte) in bytes.enumerated() {
            let escape: UInt8
            switch byte {
            case UInt8(ascii: "\\"): escape = UInt8(ascii: "\\")
            case 0x0A: escape = UInt8(ascii: "n")
            case 0x0D: escape = UInt8(ascii: "r")
            case 0x09: escape = UInt8(ascii: "t")
            default: continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            output.append(UInt8(ascii: "\\"))
            output.append(escape)
            run = index + 1
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }
}
