/// Why a JSON text was rejected, with the byte offset (0-based, within the parsed text) where it happened.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let offset: Int
    public let reason: String
    /// The text ended before the value did: with more input the same bytes might parse (what
    /// `JSONArrayStream` needs to tell a short buffer from a syntax error).
    public let atEndOfInput: Bool

    public init(offset: Int, reason: String, atEndOfInput: Bool = false) {
        self.offset = offset
        self.reason = reason
        self.atEndOfInput = atEndOfInput
    }

    public var description: String { "\(reason) at byte \(offset)" }
}

/// A byte-level JSON parser producing `JSONValue`, written by hand because `JSONSerialization` is slow on
/// Linux and conflates booleans with numbers, and `JSONDecoder` cannot keep integers apart from floats
/// for free-form values. Rules follow RFC 8259 plus Go's `encoding/json` where Mattermost depends on it:
/// integer literals that fit `Int64` become `.int`, every other number `.double`; invalid UTF-8 is an
/// error (Go would silently repair it, which would corrupt names); lone `\u` surrogates become U+FFFD;
/// anything but whitespace after the value is an error.
public enum JSONParser {
    /// Deepest nesting accepted; deeper input is rejected instead of exhausting the stack.
    public static let maxDepth = 512

    public static func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
        var parser = Reusable()
        return try parser.parse(bytes)
    }

    /// A parser for many texts in a row (one per JSONL line) that keeps its scratch buffers, so
    /// they are not grown again for every line. Use one per thread.
    public struct Reusable: @unchecked Sendable {
        private let memberStack = MoveStack<(key: String, value: JSONValue)>()
        private let elementStack = MoveStack<JSONValue>()

        /// Repair instead of rejecting what damaged exports contain inside strings: an invalid escape
        /// (`\\1`, `\\uZZ`) is kept literally, a raw control character (TAB) is kept, and each repair,
        /// lone `\\u` surrogates (U+FFFD) included, is counted in `repairCount`. Off by default: the
        /// validator must reject such text as Mattermost would.
        public var repairsStrings = false
        /// Keep every number as its literal text (`.number`) instead of `.int`/`.double`.
        public var keepsNumberText = false
        /// Repairs made by the last `parse`/`parsePrefix` (always 0 unless `repairsStrings`).
        public private(set) var repairCount = 0
        /// Members of the top-level object to leave out of the value, by key (raw UTF-8 of keys without
        /// escapes): a reader that never looks at them saves building and freeing their trees. They are
        /// still checked exactly as if parsed (same errors, same repairs counted).
        public var skippedKeys: [[UInt8]] = []
        /// Whether the last `parse`/`parsePrefix` left a member out.
        public private(set) var skippedAny = false

        public init() {}

        /// Parses the one value at the start of `bytes` (after whitespace) and returns it with the
        /// number of bytes it took, leaving whatever follows to the caller: the entry point for
        /// reading a stream one element at a time.
        public mutating func parsePrefix(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> (value: JSONValue, length: Int) {
            var cursor = JSONCursor(bytes.bindMemory(to: UInt8.self), memberStack: memberStack, elementStack: elementStack)
            cursor.repair = repairsStrings
            cursor.keepsNumberText = keepsNumberText
            cursor.skippedKeys = skippedKeys
            defer {
                memberStack.removeAll()
                elementStack.removeAll()
            }
            cursor.skipWhitespace()
            let value = try cursor.parseValue(depth: 0)
            repairCount = cursor.repairs
            skippedAny = cursor.skippedAny
            return (value, cursor.index)
        }

        public mutating func parse(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) -> JSONValue {
            let (value, length) = try parsePrefix(bytes)
            var rest = length
            while rest < bytes.count, bytes[rest] == 0x20 || bytes[rest] == 0x0A || bytes[rest] == 0x0D || bytes[rest] == 0x09 {
                rest += 1
            }
            guard rest == bytes.count else { throw JSONParseError(offset: rest, reason: "unexpected data after the JSON value") }
            return value
        }
    }

    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            do throws(JSONParseError) { return .success(try parse(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Parses a whole document keeping every number as written (`.number`): for documents that are
    /// written back (config.json) or compared with another engine's rendering (jsonb).
    public static func parseKeepingNumberText(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var parser = Reusable()
        parser.keepsNumberText = true
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
            do throws(JSONParseError) { return .success(try parser.parse(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

/// The parser state: a read position over borrowed bytes.
private struct JSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    let end: Int
    /// Members/elements of the containers being parsed, so each finished container is allocated once
    /// at its exact size instead of growing element by element.
    let memberStack: MoveStack<(key: String, value: JSONValue)>
    let elementStack: MoveStack<JSONValue>
    /// `JSONParser.Reusable.repairsStrings`, and the repairs made so far.
    var repair = false
    var keepsNumberText = false
    var repairs = 0
    var skippedKeys: [[UInt8]] = []
    var skippedAny = false

    init(_ bytes: UnsafeBufferPointer<UInt8>, memberStack: MoveStack<(key: String, value: JSONValue)>, elementStack: MoveStack<JSONValue>) {
        self.bytes = bytes
        self.end = bytes.count
        self.memberStack = memberStack
        self.elementStack = elementStack
    }

    func error(_ reason: String, at offset: Int? = nil, truncated: Bool = false) -> JSONParseError {
        JSONParseError(offset: offset ?? index, reason: reason, atEndOfInput: truncated || index >= end)
    }

    @inline(__always) mutating func skipWhitespace() {
        while index < end {
            let b = bytes[index]
            guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
            index += 1
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < end else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character \(describe(bytes[index])), expected a value")
        }
    }

    func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard end - index >= count else { throw error("invalid literal", truncated: true) }
        let base = literal.utf8Start
        for i in 0..<count where bytes[index + i] != base[i] { throw error("invalid literal") }
        index += count
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        guard try openContainer(depth: depth, closer: UInt8(ascii: "}")) else { return .object(JSONObject()) }
        let base = memberStack.count
        let skipping = depth == 1 && !skippedKeys.isEmpty
        repeat {
            if try expectKey(), skipping, isSkippedKeyAtIndex {
                try skipString()
                try expectColon()
                try skipValue(depth: depth)
                skippedAny = true
            } else {
                let key = try parseString()
                try expectColon()
                memberStack.push((key, try parseValue(depth: depth)))
            }
        } while try nextOrEnd(UInt8(ascii: "}"), in: "an object")
        return .object(JSONObject(memberStack.popArray(from: base)))
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        guard try openContainer(depth: depth, closer: UInt8(ascii: "]")) else { return .array([]) }
        let base = elementStack.count
        repeat {
            skipWhitespace()
            elementStack.push(try parseValue(depth: depth))
        } while try nextOrEnd(UInt8(ascii: "]"), in: "an array")
        return .array(elementStack.popArray(from: base))
    }

    /// Steps over `{` or `[` (checking the depth); `false` when the container is empty (and passed).
    @inline(__always) mutating func openContainer(depth: Int, closer: UInt8) throws(JSONParseError) -> Bool {
        guard depth <= JSONParser.maxDepth else { throw error("nesting deeper than \(JSONParser.maxDepth)") }
        index += 1
        skipWhitespace()
        if index < end && bytes[index] == closer {
            index += 1
            return false
        }
        return true
    }

    /// Checks that a key's opening quote comes next; always `true` (so it can lead a condition).
    @inline(__always) mutating func expectKey() throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string key") }
        return true
    }

    /// Steps over the `:` after a key and the whitespace around it.
    @inline(__always) mutating func expectColon() throws(JSONParseError) {
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
        index += 1
        skipWhitespace()
    }

    /// After a member or element: `true` when a `,` says another follows, `false` at the closer.
    @inline(__always) mutating func nextOrEnd(_ closer: UInt8, in container: StaticString) throws(JSONParseError) -> Bool {
        skipWhitespace()
        guard index < end else { throw error("unexpected end of input inside \(container)") }
        if bytes[index] == UInt8(ascii: ",") { index += 1; return true }
        if bytes[index] == closer { index += 1; return false }
        throw error("expected ',' or '\(Character(Unicode.Scalar(closer)))' in \(container)")
    }

    /// Whether the key starting at `index` (its opening quote) is one of `skippedKeys`, byte for byte.
    var isSkippedKeyAtIndex: Bool {
        for key in skippedKeys where end - index > key.count + 1 && bytes[index + 1 + key.count] == UInt8(ascii: "\"") {
            var same = true
            for (offset, byte) in key.enumerated() where bytes[index + 1 + offset] != byte {
                same = false
                break
            }
            if same { return true }
        }
        return false
    }

    /// Checks the value at `index` exactly as `parseValue` would (same errors, same repairs) without
    /// building it.
    mutating func skipValue(depth: Int) throws(JSONParseError) {
        guard index < end else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            guard try openContainer(depth: depth + 1, closer: UInt8(ascii: "}")) else { return }
            repeat {
                _ = try expectKey()
                try skipString()
                try expectColon()
                try skipValue(depth: depth + 1)
            } while try nextOrEnd(UInt8(ascii: "}"), in: "an object")
        case UInt8(ascii: "["):
            guard try openContainer(depth: depth + 1, closer: UInt8(ascii: "]")) else { return }
            repeat {
                skipWhitespace()
                try skipValue(depth: depth + 1)
            } while try nextOrEnd(UInt8(ascii: "]"), in: "an array")
        case UInt8(ascii: "\""): try skipString()
        default: _ = try parseValue(depth: depth)  // literals and numbers build nothing on the heap
        }
    }

    /// Skips a plain ASCII string (the usual case) by scanning to its quote; anything else (escapes,
    /// non-ASCII, control characters) goes through `parseString`, so checks and repairs stay one piece.
    mutating func skipString() throws(JSONParseError) {
        let quote = index
        index += 1
        while index < end {
            _ = skipPlainBytes(stoppingAtNonASCII: true)
            guard index < end else { break }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") { index += 1; return }
            if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 {
                index = quote
                _ = try parseString()
                return
            }
            index += 1
        }
        throw error("unterminated string", at: quote)
    }

    /// Moves `index` over string bytes that need no look, eight at a time: up to the first `"`, `\\` or
    /// control character (or non-ASCII byte, if asked), or to the last eight bytes of the input.
    /// Strings are most of an export's bytes. Returns whether a skipped byte was non-ASCII.
    @inline(__always)
    mutating func skipPlainBytes(stoppingAtNonASCII: Bool) -> Bool {
        guard let base = UnsafeRawPointer(bytes.baseAddress) else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var nonASCII: UInt64 = 0
        while index + 8 <= end {
            let word = base.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quote = word ^ 0x2222_2222_2222_2222, backslash = word ^ 0x5C5C_5C5C_5C5C_5C5C
            // A byte's high bit is set where it is 0 after the xor (quote, backslash) or below 0x20. A
            // borrow can only mark bytes after a real match, so the lowest mark is exact (little endian).
            var marks = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | (word &- 0x2020_2020_2020_2020)
            marks &= ~word  // bytes ≥ 0x80 are judged below, not by the borrow tests
            if stoppingAtNonASCII { marks |= word }
            marks &= highs
            if marks != 0 {
                let skipped = marks.trailingZeroBitCount >> 3
                if !stoppingAtNonASCII, skipped > 0 { nonASCII |= word & highs & ((1 << (skipped * 8)) - 1) }
                index += skipped
                return nonASCII != 0
            }
            nonASCII |= word & highs
            index += 8
        }
        return nonASCII != 0
    }

    /// Parses a string starting at the opening quote. The common case (no escapes) becomes a String
    /// straight from the input bytes.
    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        let start = index
        var asciiOnly = true
        while index < end {
            if skipPlainBytes(stoppingAtNonASCII: false) { asciiOnly = false }
            guard index < end else { break }
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if asciiOnly { return String(decoding: slice, as: UTF8.self) }
                // One pass validates and creates; the slow search for the offset only runs on failure.
                if let string = String(validating: slice, as: UTF8.self) { return string }
                try validateUTF8(slice, offset: start)
                return String(decoding: slice, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
            if b < 0x20 {
                guard repair else { throw error("control character in a string") }
                repairs += 1  // kept as it is
            }
            if b >= 0x80 { asciiOnly = false }
            index += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    /// The slow path for strings with escapes: decode into a byte buffer.
    mutating func parseEscapedString(from start: Int) throws(JSONParseError) -> String {
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        var rawStart = start
        var sawNonASCII = false
        for b in out where b >= 0x80 { sawNonASCII = true; break }
        if sawNonASCII { try validateUTF8(UnsafeBufferPointer(rebasing: bytes[start..<index]), offset: start) }
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                index += 1
                guard index < end else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u") where repair && !isHex4AtIndex:
                    guard end - index >= 4 else { throw error("truncated \\u escape", truncated: true) }
                    repairs += 1
                    out.append(contentsOf: [0x5C, escape])  // `\\uZZ` kept literally
                case UInt8(ascii: "u"): appendScalar(try parseUnicodeEscape(), to: &out)
                default:
                    guard repair else { throw error("invalid escape sequence", at: index - 2) }
                    repairs += 1
                    out.append(0x5C)  // `\\1` kept literally; the character itself follows as ordinary text
                    index -= 1
                }
                continue
            }
            if b < 0x20 {
                guard repair else { throw error("control character in a string") }
                repairs += 1
                out.append(b)
                index += 1
                continue
            }
            if b >= 0x80 {
                // Validate the run of raw bytes up to the next quote or backslash in one go.
                rawStart = index
                while index < end, bytes[index] != 0x22, bytes[index] != 0x5C, bytes[index] >= 0x20 { index += 1 }
                let run = UnsafeBufferPointer(rebasing: bytes[rawStart..<index])
                try validateUTF8(run, offset: rawStart)
                out.append(contentsOf: run)
                continue
            }
            out.append(b)
            index += 1
        }
        throw error("unterminated string", at: start - 1)
    }

    /// After `\u`: four hex digits, combining a surrogate pair when one follows; lone surrogates become
    /// U+FFFD as in Go.
    mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let high = try readHex4()
        if high >= 0xD800 && high < 0xDC00 {
            if end - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                if !repair || isHex4AtIndex {
                    let low = try readHex4()
                    if low >= 0xDC00 && low < 0xE000 {
                        return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
                    }
                }
                index = save
            }
            if repair { repairs += 1 }
            return "\u{FFFD}"
        }
        if high >= 0xDC00 && high < 0xE000, repair { repairs += 1 }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    /// Whether four hex digits follow (repair mode: otherwise `\\u` is kept literally).
    var isHex4AtIndex: Bool {
        guard end - index >= 4 else { return false }
        for i in 0..<4 {
            switch bytes[index + i] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): continue
            default: return false
            }
        }
        return true
    }

    mutating func readHex4() throws(JSONParseError) -> UInt32 {
        guard end - index >= 4 else { throw error("truncated \\u escape", truncated: true) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - 0x61 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - 0x41 + 10
            default: throw error("invalid hex digit in \\u escape")
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        out.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// Strict UTF-8 check (no overlong forms, no surrogates, nothing above U+10FFFF).
    func validateUTF8(_ run: UnsafeBufferPointer<UInt8>, offset: Int) throws(JSONParseError) {
        if let bad = UTF8Validation.firstInvalidOffset(run) {
            throw error("invalid UTF-8", at: offset + bad)
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < end, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < end && isDigit(bytes[index]) { throw error("leading zero in a number", at: start) }
        } else {
            while index < end && isDigit(bytes[index]) { index += 1 }
        }
        var isInteger = true
        if index < end && bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            guard index < end, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
            while index < end && isDigit(bytes[index]) { index += 1 }
        }
        if index < end && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            isInteger = false
            index += 1
            if index < end && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard index < end, isDigit(bytes[index]) else { throw error("invalid number", at: start) }
            while index < end && isDigit(bytes[index]) { index += 1 }
        }
        let literal = UnsafeBufferPointer(rebasing: bytes[start..<index])
        if keepsNumberText { return .number(String(decoding: literal, as: UTF8.self)) }
        if isInteger, let value = parseInt64(literal) { return .int(value) }
        guard let value = Double(String(decoding: literal, as: UTF8.self)) else {
            throw error("number out of range", at: start)
        }
        return .double(value)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// Exact Int64 parse of an already syntax-checked integer literal; nil when it does not fit.
    func parseInt64(_ literal: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        let negative = literal[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        var value: Int64 = 0
        while i < literal.count {
            let digit = Int64(literal[i] - 0x30)
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(digit) : times10.addingReportingOverflow(digit)
            if o1 || o2 { return nil }
            value = next
            i += 1
        }
        return value
    }
}
