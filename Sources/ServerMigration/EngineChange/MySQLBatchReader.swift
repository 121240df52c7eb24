/// Splits the streamed output of `mysql --batch --skip-column-names` into rows of fields.
///
/// The SELECTs print each value as `CONCAT('v', column)`, so a field is either the bare word NULL
/// (SQL NULL) or `v` + the value, which tells NULL from the text "NULL". The client escapes
/// backslash, newline, tab and NUL; those escapes are undone here.
struct MySQLBatchReader {
    private var pending: [UInt8] = []

    /// Feeds a chunk and calls `line` for every complete line (without its newline).
    mutating func feed(_ chunk: [UInt8], line: ([UInt8]) throws -> Void) rethrows {
        var start = 0
        if pending.isEmpty {
            while let newline = chunk[start...].firstIndex(of: 0x0A) {
                try line(Array(chunk[start..<newline]))
                start = newline + 1
            }
            pending.append(contentsOf: chunk[start...])
            return
        }
        guard let first = chunk.firstIndex(of: 0x0A) else {
            pending.append(contentsOf: chunk)
            return
        }
        pending.append(contentsOf: chunk[..<first])
        try line(pending)
        pending.removeAll(keepingCapacity: true)
        start = first + 1
        while let newline = chunk[start...].firstIndex(of: 0x0A) {
            try line(Array(chunk[start..<newline]))
            start = newline + 1
        }
        pending.append(contentsOf: chunk[start...])
    }

    /// True when the stream ended in the middle of a line.
    var hasPartialLine: Bool { !pending.isEmpty }

    /// The fields of one line; nil for NULL. Nil overall when a field lacks the `v` marker.
    static func fields(of line: [UInt8]) -> [[UInt8]?]? {
        var fields: [[UInt8]?] = []
        var current: [UInt8] = []
        var escaping = false
        var atFieldStart = true
        var isNullCandidate = false
        func finish() -> Bool {
            if isNullCandidate {
                guard current == Array("NULL".utf8) else { return false }
                fields.append(nil)
            } else {
                fields.append(current)
            }
            return true
        }
        for byte in line {
            if atFieldStart {
                atFieldStart = false
                current.removeAll(keepingCapacity: true)
                if byte == UInt8(ascii: "v") { isNullCandidate = false; continue }
                isNullCandidate = true
            }
            if escaping {
                switch byte {
                case UInt8(ascii: "n"): current.append(0x0A)
                case UInt8(ascii: "t"): current.append(0x09)
                case UInt8(ascii: "0"): current.append(0x00)
                default: current.append(byte)
                }
                escaping = false
            } else if byte == UInt8(ascii: "\\") {
                escaping = true
            } else if byte == 0x09 {
                guard finish() else { return nil }
                atFieldStart = true
            } else {
                current.append(byte)
            }
        }
        if atFieldStart { current.removeAll(); isNullCandidate = true; return nil }
        guard finish() else { return nil }
        return fields
    }
}
