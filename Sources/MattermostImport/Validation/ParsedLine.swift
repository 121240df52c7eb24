/// One JSONL line after the syntax checks: line ending, BOM, blank line, JSON syntax and UTF-8. Pure,
/// so the reader thread does it while the checker works on earlier lines (the checker then checks
/// the JSON types, which, with the reader freeing applied lines, balances the two threads).
enum ParsedLine: Sendable {
    case object(JSONObject)
    case undecodable(String)
    case tooLong
    /// `count` whitespace-only lines in a row, starting at the line's number.
    case blank(count: Int)

    init(_ raw: UnsafeRawBufferPointer, number: Int, parser: inout JSONParser.Reusable) {
        var bytes = raw
        if let last = bytes.last, last == 0x0D { bytes = UnsafeRawBufferPointer(rebasing: bytes.dropLast()) }
        if number == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            self = .undecodable("the file starts with a UTF-8 byte order mark; remove it (the first byte must be '{')")
            return
        }
        if bytes.allSatisfy(BlankRun.isWhitespace) {
            self = .blank(count: 1)
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
