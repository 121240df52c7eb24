import Foundation

/// One line of PostgreSQL's `COPY … TO STDOUT` text format, split at tabs and unescaped into one
/// reusable buffer: `\N` is NULL (the text "\N" arrives as `\\N`), and the backslash escapes
/// (`\n`, `\t`, `\\`, `\b`, `\f`, `\r`, `\v`, octal and `\x` hex) are undone byte for byte, so
/// text that is not UTF-8 (an SQL_ASCII database) comes out exactly as stored.
public struct PostgresCopyRow {
    public private(set) var bytes: [UInt8] = []
    /// Start and end offsets in `bytes` per field; a negative end marks NULL.
    private var starts: [Int] = []
    private var ends: [Int] = []

    public init() {}

    public var count: Int { starts.count }

    /// Splits `line` (without its newline) into fields.
    public mutating func split(_ line: UnsafeBufferPointer<UInt8>) {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        var index = 0
        while true {
            let end = Self.find(0x09, in: line, from: index)
            if end - index == 2, line[index] == UInt8(ascii: "\\"), line[index + 1] == UInt8(ascii: "N") {
                starts.append(0)
                ends.append(-1)
            } else {
                appendUnescaped(UnsafeBufferPointer(rebasing: line[index..<end]))
            }
            guard end < line.count else { return }
            index = end + 1
        }
    }

    private mutating func appendUnescaped(_ field: UnsafeBufferPointer<UInt8>) {
        starts.append(bytes.count)
        var run = 0
        // Escapes are rare: the runs between them are found with memchr and copied whole.
        var index = Self.find(UInt8(ascii: "\\"), in: field, from: 0)
        while index < field.count {
            guard index + 1 < field.count else { break }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[run..<index]))
            let escape = field[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "v"): bytes.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - UInt8(ascii: "0"))
                for _ in 0..<2 where index < field.count && (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(field[index]) {
                    value = value * 8 + Int(field[index] - UInt8(ascii: "0"))
                    index += 1
                }
                bytes.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x") where index < field.count && Self.hexValue(field[index]) != nil:
                var value = Self.hexValue(field[index])!
                index += 1
                if index < field.count, let low = Self.hexValue(field[index]) { value = value * 16 + low; index += 1 }
                bytes.append(value)
            default: bytes.append(escape)
            }
            run = index
            index = Self.find(UInt8(ascii: "\\"), in: field, from: index)
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[run..<field.count]))
        ends.append(bytes.count)
    }

    /// The offset of the first `byte` at or after `start`, or `buffer.count`.
    private static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), buffer.count - start) else { return buffer.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// Field `position`'s bytes (nil for NULL): a slice of the row's buffer, not a copy.
    public func field(_ position: Int) -> ArraySlice<UInt8>? {
        let (start, end) = (starts[position], ends[position])
        return end < 0 ? nil : bytes[start..<end]
    }
}
