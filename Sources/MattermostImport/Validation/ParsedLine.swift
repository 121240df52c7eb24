/// One JSONL line after the checks that need no other line: line ending, BOM, blank line, JSON syntax
/// and UTF-8, and the exact JSON type of every known field (a mismatch fails the whole line in Go).
/// Pure, so the reader thread can do it while the checker works on earlier lines.
enum ParsedLine: Sendable {
    case object(JSONObject)
    case undecodable(String)
    case tooLong

    init(_ raw: UnsafeRawBufferPointer, number: Int) {
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
            value = try JSONParser.parse(bytes)
        } catch {
            self = .undecodable("invalid JSON: \(error.reason) at byte \(error.offset) of the line")
            return
        }
        guard case .object(let object) = value else {
            self = .undecodable("the line is \(LineSchema.describe(value)), not a JSON object")
            return
        }
        switch LineSchema.check(object, schema: LineSchema.line) {
        case .success(let canonical): self = .object(canonical)
        case .failure(let mismatch): self = .undecodable("wrong JSON type: \(mismatch.description)")
        }
    }
}
