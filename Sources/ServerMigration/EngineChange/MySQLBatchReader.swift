import Foundation

/// Splits the streamed output of `mysql --batch --skip-column-names` into rows of fields.
///
/// The SELECTs print each value as `CONCAT('v', column)`, so a field is either the bare word NULL
/// (SQL NULL) or `v` + the value, which tells NULL from the text "NULL". The client escapes
/// backslash, newline, tab and NUL; those escapes are undone here. Lines and fields are handed out
/// as views into buffers that are reused from row to row (no allocation per value).
struct MySQLBatchReader {
    private var pending: [UInt8] = []

    /// Feeds a chunk and calls `line` for every complete line (without its newline).
    mutating func feed(_ chunk: [UInt8], line: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
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
    var hasPartialLine: Bool { !pending.isEmpty }

    /// The fields of one line; nil for NULL. Nil overall when a field lacks the `v` marker.
    static func fields(of line: [UInt8]) -> [[UInt8]?]? {
        var row = MySQLRow()
        guard line.withUnsafeBufferPointer({ row.split($0) }) else { return nil }
        return (0..<row.count).map { row.field($0) }
    }
}

/// One row of `mysql --batch` output, unescaped into one reusable buffer.
struct MySQLRow {
    private(set) var bytes: [UInt8] = []
    /// Start and end offsets in `bytes` per field; a negative end marks NULL.
    private var starts: [Int] = []
    private var ends: [Int] = []

    var count: Int { starts.count }

    /// Splits `line` into fields; false when a field is neither NULL nor `v`-marked (or the line is empty).
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        guard !line.isEmpty else { return false }
        var index = 0
        while true {
            // One field from `index` to the next tab or the end.
            if line[index] == UInt8(ascii: "v") {
                index += 1
                starts.append(bytes.count)
                var run = index
                while index < line.count {
                    let byte = line[index]
                    if byte == 0x09 { break }
                    if byte == UInt8(ascii: "\\"), index + 1 < line.count {
                        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[run..<index]))
                        switch line[index + 1] {
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
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: line[run..<index]))
                ends.append(bytes.count)
            } else {
                let start = index
                while index < line.count, line[index] != 0x09 { index += 1 }
                guard index - start == 4, line[start] == UInt8(ascii: "N"), line[start + 1] == UInt8(ascii: "U"),
                      line[start + 2] == UInt8(ascii: "L"), line[start + 3] == UInt8(ascii: "L") else { return false }
                starts.append(0)
                ends.append(-1)
            }
            guard index < line.count else { return true }
            index += 1  // the tab
            guard index < line.count else { return false }
        }
    }

    /// Calls `body` with field `position`'s bytes (nil for NULL).
    @inline(__always)
    func withField<Result>(_ position: Int, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        let (start, end) = (starts[position], ends[position])
        guard end >= 0 else { return body(nil) }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    /// Field `position` as an array (nil for NULL): for reports and the general conversion path.
    func field(_ position: Int) -> [UInt8]? {
        withField(position) { $0.map(Array.init) }
    }
}
