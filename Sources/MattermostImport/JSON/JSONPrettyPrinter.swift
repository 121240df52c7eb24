/// Writes a `JSONValue` the way Mattermost writes `config.json` (Go's `json.MarshalIndent` with four
/// spaces, `<`, `>` and `&` escaped as `\u003c`…), keeping object keys in their order and numbers as
/// written (parse with `JSONParser.Reusable.keepsNumberText`), so a rewritten config differs from the
/// original only where a setting was changed.
public enum JSONPrettyPrinter {
    public static func text(_ value: JSONValue) -> String {
        var output = ""
        write(value, into: &output, indent: "")
        return output + "\n"
    }

    private static func write(_ value: JSONValue, into output: inout String, indent: String) {
        switch value {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .int(let number): output += String(number)
        case .double(let number): output += number.isFinite ? "\(number)" : "null"
        case .number(let text): output += text
        case .string(let text): output += quoted(text)
        case .array(let items):
            if items.isEmpty { output += "[]"; return }
            output += "[\n"
            for (index, item) in items.enumerated() {
                output += indent + "    "
                write(item, into: &output, indent: indent + "    ")
                output += index == items.count - 1 ? "\n" : ",\n"
            }
            output += indent + "]"
        case .object(let object):
            if object.members.isEmpty { output += "{}"; return }
            output += "{\n"
            for (index, member) in object.members.enumerated() {
                output += indent + "    " + quoted(member.key) + ": "
                write(member.value, into: &output, indent: indent + "    ")
                output += index == object.members.count - 1 ? "\n" : ",\n"
            }
            output += indent + "}"
        }
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "<", ">", "&": result += hexEscape(scalar.value)  // as Go's encoder writes them
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    result += hexEscape(scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func hexEscape(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
