/// The length in runes of a value as Go's `json.Marshal` writes it (compact, `<`, `>`, `&`, U+2028 and
/// U+2029 escaped), without building the text: the unit of Mattermost's props limit.
enum JSONRuneCount {
    static func serialized(_ value: JSONValue) -> Int {
        switch value {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .int(let i): return String(i).utf8.count
        case .double(let d): return d.description.utf8.count
        case .number(let text): return text.utf8.count
        case .string(let s): return string(s)
        case .array(let elements):
            return 2 + max(0, elements.count - 1) + elements.reduce(0) { $0 + serialized($1) }
        case .object(let object):
            return 2 + max(0, object.members.count - 1)
                + object.members.reduce(0) { $0 + string($1.key) + 1 + serialized($1.value) }
        }
    }

    static func string(_ s: String) -> Int {
        var runes = 2
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x22, 0x5C, 0x0A, 0x0D, 0x09: runes += 2
            case 0x3C, 0x3E, 0x26, 0x2028, 0x2029: runes += 6
            case 0..<0x20: runes += 6
            default: runes += 1
            }
        }
        return runes
    }
}
