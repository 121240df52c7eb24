/// Reads a JSON text whose top level is an array as it arrives, chunk by chunk, and hands out its
/// elements one at a time, each parsed by `JSONParser` (the project's one parser): memory is bounded by
/// the largest element (`maxElementBytes`), not by the size of the text, so a 2 GiB day file costs what
/// its largest message costs.
///
/// Elements are parsed straight from the caller's chunk; only an element split across chunks is copied
/// into a pending buffer, and it is parsed again only once the buffer has doubled, so an element read in
/// many chunks still costs a bounded number of parses. Runs of whitespace between elements are skipped
/// eight bytes at a time, and nesting depth is bounded by the parser (`JSONParser.maxDepth`), so 2 GiB of
/// `[` is refused after a few hundred bytes. Errors are `JSONParseError`s whose offset counts from the
/// start of the whole text.
public struct JSONArrayStream {
    /// Largest element accepted by default (64 MiB): far above any real message or list entry.
    public static let defaultMaxElementBytes = 64 << 20

    /// Larger elements are refused (`JSONParseError`), so a hostile entry cannot take unbounded memory.
    public let maxElementBytes: Int
    /// Whether the top-level `[` has been seen (false for an empty or whitespace-only text).
    public private(set) var sawArray = false
    /// Elements handed out so far.
    public private(set) var elementCount = 0

    /// Members of each element (when it is an object) to leave out, and when an element needs them
    /// after all (it is then parsed again whole before it is handed out).
    public var skipping: JSONMemberSkipping? {
        didSet { parser.skippedKeys = skipping?.keys ?? [] }
    }

    private var parser = JSONParser.Reusable()
    private var state = State.beforeArray
    /// The unread bytes of an element that is not complete yet (empty most of the time).
    private var pending: [UInt8] = []
    /// Offset in the whole text of the first byte not consumed yet (`pending[0]` when there is one).
    private var offset = 0
    /// Do not parse the pending element again before this many bytes are available.
    private var retryAt = 0

    private enum State { case beforeArray, firstElement, nextElement, afterElement, afterArray }

    /// - Parameters:
    ///   - maxElementBytes: the largest element accepted.
    ///   - repairsStrings: see `JSONParser.Reusable.repairsStrings`; each element's repairs are passed to
    ///     the element handler.
    public init(maxElementBytes: Int = defaultMaxElementBytes, repairsStrings: Bool = false) {
        self.maxElementBytes = max(1, maxElementBytes)
        parser.repairsStrings = repairsStrings
    }

    /// Consumes the next chunk of the text, calling `body` with every element it completes and the number
    /// of string repairs the element needed.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (JSONValue, _ repairs: Int) throws -> Void) throws {
        if pending.isEmpty {
            let used = try process(chunk, atEnd: false, body)
            offset += used
            if used < chunk.count { pending.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[used...])) }
            return
        }
        // `process` mutates `self`, so the buffer is moved out while it is parsed.
        var buffer: [UInt8] = []
        swap(&buffer, &pending)
        buffer.append(contentsOf: chunk)
        let used = try buffer.withUnsafeBytes { try process($0, atEnd: false, body) }
        offset += used
        buffer.removeFirst(used)
        // Do not keep a huge element's capacity for the rest of the text.
        if buffer.capacity > 8 << 20 && buffer.count < 1 << 20 { buffer = Array(buffer) }
        swap(&buffer, &pending)
    }

    /// Ends the text: parses what is pending and checks that the array was closed. Returns `sawArray`.
    @discardableResult
    public mutating func finish(_ body: (JSONValue, _ repairs: Int) throws -> Void) throws -> Bool {
        var buffer: [UInt8] = []
        swap(&buffer, &pending)
        let used = try buffer.withUnsafeBytes { try process($0, atEnd: true, body) }
        offset += used
        switch state {
        case .beforeArray, .afterArray: return sawArray
        case .firstElement, .nextElement, .afterElement:
            throw JSONParseError(offset: offset, reason: "unexpected end of input inside the top-level array", atEndOfInput: true)
        }
    }

    /// Reads as far as `bytes` allow; returns how many were consumed (the rest must be given again, with
    /// more after it).
    private mutating func process(_ bytes: UnsafeRawBufferPointer, atEnd: Bool,
                                  _ body: (JSONValue, Int) throws -> Void) throws -> Int {
        var i = 0
        while true {
            i = Self.skipWhitespace(bytes, from: i)
            guard i < bytes.count else { return i }
            let byte = bytes[i]
            switch state {
            case .beforeArray:
                guard byte == UInt8(ascii: "[") else {
                    throw JSONParseError(offset: offset + i, reason: "expected an array ('[') at the top level")
                }
                sawArray = true
                state = .firstElement
                i += 1
            case .firstElement where byte == UInt8(ascii: "]"):
                state = .afterArray
                i += 1
            case .firstElement, .nextElement:
                let rest = UnsafeRawBufferPointer(rebasing: bytes[i...])
                if !atEnd && rest.count < retryAt { return i }
                let parsed: (value: JSONValue, length: Int)
                do throws(JSONParseError) {
                    parsed = try parser.parsePrefix(rest)
                } catch {
                    if error.atEndOfInput && !atEnd {
                        guard rest.count < maxElementBytes else { throw tooLarge(at: offset + i) }
                        retryAt = min(rest.count * 2, maxElementBytes)
                        return i
                    }
                    throw JSONParseError(offset: offset + i + error.offset, reason: error.reason, atEndOfInput: error.atEndOfInput)
                }
                // A value that ends exactly where the bytes do (a number) may go on in the next chunk.
                if parsed.length == rest.count && !atEnd {
                    retryAt = rest.count + 1
                    return i
                }
                guard parsed.length <= maxElementBytes else { throw tooLarge(at: offset + i) }
                retryAt = 0
                elementCount += 1
                if parser.skippedAny, let skipping, skipping.neededFor(parsed.value) {
                    try body(try reparsedWhole(UnsafeRawBufferPointer(rebasing: rest[..<parsed.length])), parser.repairCount)
                } else {
                    try body(parsed.value, parser.repairCount)
                }
                i += parsed.length
                state = .afterElement
            case .afterElement:
                if byte == UInt8(ascii: ",") {
                    state = .nextElement
                } else if byte == UInt8(ascii: "]") {
                    state = .afterArray
                } else {
                    throw JSONParseError(offset: offset + i, reason: "expected ',' or ']' after an array element")
                }
                i += 1
            case .afterArray:
                throw JSONParseError(offset: offset + i, reason: "unexpected data after the top-level array")
            }
        }
    }

    /// How the reason of the error for an element above `maxElementBytes` starts.
    public static let tooLargeReason = "array element larger than the limit of"

    /// The element parsed again without leaving anything out (it parsed once, so it parses again).
    private mutating func reparsedWhole(_ element: UnsafeRawBufferPointer) throws -> JSONValue {
        let skipped = parser.skippedKeys
        parser.skippedKeys = []
        defer { parser.skippedKeys = skipped }
        return try parser.parsePrefix(element).value
    }

    private func tooLarge(at offset: Int) -> JSONParseError {
        let limit = maxElementBytes % (1 << 20) == 0 ? "\(maxElementBytes >> 20) MiB" : "\(maxElementBytes) bytes"
        return JSONParseError(offset: offset, reason: "\(Self.tooLargeReason) \(limit)")
    }

    /// The index of the first non-whitespace byte from `start`. A run of one repeated whitespace byte
    /// (padding, blank lines) is skipped a word at a time, so it costs about what `memchr` would.
    static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var i = start
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return i }
            let run = UInt64(byte) &* 0x0101_0101_0101_0101
            i += 1
            while count - i >= 8, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) == run { i += 8 }
        }
        return i
    }
}

/// Members of each array element a reader does not look at (see `JSONParser.Reusable.skippedKeys`),
/// and when it needs them after all.
public struct JSONMemberSkipping {
    public var keys: [[UInt8]]
    public var neededFor: (JSONValue) -> Bool

    /// - Parameters:
    ///   - keys: top-level member names, without escapes.
    ///   - neededFor: whether an element that had members left out must be parsed again whole.
    public init(keys: [String], neededFor: @escaping (JSONValue) -> Bool = { _ in false }) {
        self.keys = keys.map { Array($0.utf8) }
        self.neededFor = neededFor
    }
}
