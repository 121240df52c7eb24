import Foundation

/// Splits the streamed output of `mysql --batch --skip-column-names` (or any newline-ended rows, such
/// as psql's COPY text) into lines, and lines into rows of fields.
///
/// The SELECTs print each value as `CONCAT('v', column)`, so a field is either the bare word NULL
/// (SQL NULL) or `v` + the value, which tells NULL from the text "NULL". The client escapes
/// backslash, newline, tab and NUL; those escapes are undone here. Lines and fields are handed out
/// as views into buffers that are reused from row to row (no allocation per value).
public struct MySQLBatchReader {
    private var pending: [UInt8] = []

    public init() {}

    /// Feeds a chunk and calls `line` for every complete line (without its newline).
    public mutating func feed(_ chunk: [UInt8], line: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try chunk.withUnsafeBufferPointer { buffer in
            var start = 0
            if !pending.isEmpty {
                guard let first = Self.newline(in: buffer, from: 0) else {
                    pending.append(contentsOf: buffer)
                    return
                }
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<first]))
                try pending.withUnsafeBufferPointer { try line($0) }
                pending.removeAll(keepingCapacity: true)
                start = first + 1
            }
            while let newline = Self.newline(in: buffer, from: start) {
                try line(UnsafeBufferPointer(rebasing: buffer[start..<newline]))
                start = newline + 1
            }
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }

    private static func newline(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, 0x0A, buffer.count - start) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// True when the stream ended in the middle of a line.
    public var hasPartialLine: Bool { !pending.isEmpty }

    /// The fields of one line; nil for NULL. Nil overall when a field lacks the `v` marker.
    public static func fields(of line: [UInt8]) -> [[UInt8]?]? {
        var row = MySQLRow()
        guard line.withUnsafeBufferPointer({ row.split($0) }) else { return nil }
        return (0..<row.count).map { row.field($0) }
    }
}

/// One row of `mysql --batch` output, unescaped into one reusable buffer.
public struct MySQLRow {
    public private(set) var bytes: [UInt8] = []
    /// Start and end offsets in `bytes` per field; a negative end marks NULL.
    private var starts: [Int] = []
    private var ends: [Int] = []

    public var count: Int { starts.count }

    public init() {}

    /// Splits `line` into fields; false when a field is neither NULL nor `v`-marked (or the line is empty).
    /// With `marked` false (a query whose values are not wrapped in `CONCAT('v', …)`), every field is
    /// a value and the bare word NULL is SQL NULL: the client prints the text "NULL" the same way.
    public mutating func split(_ line: UnsafeBufferPointer<UInt8>, marked: Bool = true) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        guard !line.isEmpty else {
            // Unmarked, an empty line is one empty value.
            if !marked { starts.append(0); ends.append(0) }
            return !marked
        }
        var index = 0
        while true {
            // One field from `index` to the next tab or the end.
            let fieldStart = index
            var fieldEnd = index
            while fieldEnd < line.count, line[fieldEnd] != 0x09 { fieldEnd += 1 }
            let isNull = fieldEnd - fieldStart == 4 && line[fieldStart] == UInt8(ascii: "N") && line[fieldStart + 1] == UInt8(ascii: "U")
                && line[fieldStart + 2] == UInt8(ascii: "L") && line[fieldStart + 3] == UInt8(ascii: "L")
            if isNull {
                starts.append(0)
                ends.append(-1)
            } else if !marked || line[fieldStart] == UInt8(ascii: "v") {
                appendUnescaped(UnsafeBufferPointer(rebasing: line[(marked ? fieldStart + 1 : fieldStart)..<fieldEnd]))
            } else {
                return false
            }
            index = fieldEnd
            guard index < line.count else { return true }
            index += 1  // the tab
            guard index < line.count || !marked else { return false }
            if index == line.count {
                // A trailing tab: the last field is empty.
                starts.append(bytes.count)
                ends.append(bytes.count)
                return true
            }
        }
    }

    /// Appends one field, undoing the client's escapes of backslash, newline, tab and NUL.
    private mutating func appendUnescaped(_ field: UnsafeBufferPointer<UInt8>) {
        starts.append(bytes.count)
        var run = 0
        var index = 0
        while index < field.count {
            if field[index] == UInt8(ascii: "\\"), index + 1 < field.count {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[run..<index]))
                switch field[index + 1] {
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "0"): bytes.append(0x00)
                case let other: bytes.append(other)
                }
                index += 2
                run = index
                continue
            }
            index += 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[run..<field.count]))
        ends.append(bytes.count)
    }

    /// Calls `body` with field `position`'s bytes (nil for NULL).
    @inline(__always)
    public func withField<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        let (start, end) = (starts[position], ends[position])
        guard end >= 0 else { return body(nil) }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Field `position` as a slice of the row's buffer (nil for NULL), not a copy.
    public func slice(_ position: Int) -> ArraySlice<UInt8>? {
        let (start, end) = (starts[position], ends[position])
        return end < 0 ? nil : bytes[start..<end]
    }

    /// Field `position` as an array (nil for NULL): for reports and the general conversion path.
    public func field(_ position: Int) -> [UInt8]? {
        withField(position) { $0.map(Array.init) }
    }
}
