/// One JSONL line after the syntax checks: line ending, BOM, blank line, JSON syntax and UTF-8. Pure,
/// so the reader thread can do it while the checker works on earlier lines (the checker then checks
/// the JSON types, which balances the two threads).
enum ParsedLine: Sendable {
    case object(JSONObject)
    case undecodable(String)
    case tooLong

    init(_ raw: UnsafeRawBufferPointer, number: Int, parser: inout JSONParser.Reusable) {
        var bytes = raw
        if let last = bytes.last, last == 0x0D { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        if number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            self = .undecodable("the file starts with a UTF-8 byte order mark; remove it (the first byte must be '{')")
            return
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            self = .undecodable("unexpected empty line; every line must hold one JSON object")
            return
        }
        let value: JSONValue
        do {
            value = try parser.parse(bytes)
        } catch {
            self = .undecodable("invalid JSON: \(error.reason) at byte \(error.offset) of the line")
            return
        }
        guard case .object(let object) = value else {
            self = .undecodable("the line is \(LineSchema.describe(value)), not a JSON object")
            return
        }
        self = .object(object)
    }
}
