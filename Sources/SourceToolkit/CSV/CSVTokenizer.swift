import Foundation

/// One CSV record: its fields, its number and the line it starts on.
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    /// 1-based record number (a header counts as row 1; blank lines are not rows).
    public var row: Int
    /// 1-based physical line where the record starts (differs from `row` after newlines inside quotes).
    public var line: Int
}

/// A streaming CSV tokenizer over one file (RFC 4180 plus what real exports contain): quoted fields
/// with embedded separators, newlines and doubled quotes, optional `\"` escapes (Slack's layout), a
/// UTF-8 BOM, LF, CRLF or CR line ends, blank lines skipped. It holds one read chunk and one row, so
/// memory is flat whatever the file's size. A malformed row throws a `CSVSourceError` naming row, line
/// and column; the next call resumes at the following line, so a lenient caller can skip it.
public final class CSVTokenizer {
    private enum State { case fieldStart, unquoted, quoted, quotedEscape, afterQuote, skipLine }

    private let input: ChunkedFileInput
    private let dialect: CSVDialect
    private let name: String
    private var position = 0
    private var started = false
    private var line = 1
    private var rows = 0
    private var skipLineFeed = false
    /// The bytes of the current row's fields, back to back, and where each field ends.
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var fieldWasQuoted = false
    /// After a malformed row: skip to the end of its line before reading the next row.
    private var resyncing = false

    /// - Parameter name: the file as named in messages (default: the path).
    public init(path: String, name: String? = nil, dialect: CSVDialect) throws {
        input = try ChunkedFileInput(path: path)
        self.dialect = dialect
        self.name = name ?? path
        bytes.reserveCapacity(4096)
    }

    /// Bytes of the file read so far (for progress).
    public var bytesRead: Int64 { input.consumedBefore + Int64(position) }

    /// The next record, `nil` at the end of the file.
    public func next() throws -> CSVRecord? {
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let delimiter = dialect.delimiter.byte
        var state: State = resyncing ? .skipLine : .fieldStart
        var startLine = line
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        fieldWasQuoted = false
        while true {
            if position == input.count {
                let more = try input.refill(keepFrom: position)
                position = 0
                guard more else { return try endOfFile(state: state, startLine: startLine) }
                if !started {
                    started = true
                    if input.count >= 3, input.buffer[0] == 0xEF, input.buffer[1] == 0xBB, input.buffer[2] == 0xBF { position = 3 }
                }
                continue
            }
            let byte = input.buffer[position]
            position += 1
            if skipLineFeed {
                skipLineFeed = false
                if byte == lf { continue }
            }
            switch state {
            case .fieldStart, .unquoted:
                if byte == delimiter {
                    ends.append(bytes.count)
                    state = .fieldStart
                } else if byte == lf || byte == cr {
                    line += 1
                    skipLineFeed = byte == cr
                    ends.append(bytes.count)
                    // A blank line is not a row.
                    if ends.count == 1 && bytes.isEmpty && !fieldWasQuoted {
                        ends.removeAll(keepingCapacity: true)
                        startLine = line
                        state = .fieldStart
                        continue
                    }
                    return try record(startLine: startLine)
                } else if byte == quote && state == .fieldStart {
                    fieldWasQuoted = true
                    state = .quoted
                } else {
                    bytes.append(byte)
                    state = .unquoted
                    // Copy the rest of a plain run at once.
                    while position < input.count {
                        let next = input.buffer[position]
                        if next == delimiter || next == lf || next == cr { break }
                        bytes.append(next)
                        position += 1
                    }
                }
            case .quoted:
                if byte == quote {
                    state = .afterQuote
                } else if byte == backslash && dialect.backslashEscapes {
                    state = .quotedEscape
                } else {
                    if byte == lf || byte == cr && (position == input.count || input.buffer[position] != lf) { line += 1 }
                    bytes.append(byte)
                    while position < input.count {
                        let next = input.buffer[position]
                        if next == quote || next == backslash || next == lf || next == cr { break }
                        bytes.append(next)
                        position += 1
                    }
                }
            case .quotedEscape:
                // `\"` and `\\` are escapes; any other backslash is kept as written.
                if byte != quote && byte != backslash { bytes.append(backslash) }
                if byte == lf { line += 1 }
                bytes.append(byte)
                state = .quoted
            case .afterQuote:
                if byte == quote {
                    bytes.append(quote)
                    state = .quoted
                } else if byte == delimiter {
                    ends.append(bytes.count)
                    state = .fieldStart
                } else if byte == lf || byte == cr {
                    line += 1
                    skipLineFeed = byte == cr
                    ends.append(bytes.count)
                    return try record(startLine: startLine)
                } else {
                    let column = ends.count + 1
                    resyncing = true
                    rows += 1
                    throw error(startLine: startLine, column: column,
                                reason: "unexpected \(Self.describe(byte)) after the closing quote (a quote inside a quoted field must be doubled)")
                }
            case .skipLine:
                if byte == lf || byte == cr {
                    line += 1
                    skipLineFeed = byte == cr
                    resyncing = false
                    bytes.removeAll(keepingCapacity: true)
                    ends.removeAll(keepingCapacity: true)
                    fieldWasQuoted = false
                    startLine = line
                    state = .fieldStart
                }
                continue
            }
            if bytes.count > dialect.maxRowBytes {
                let column = ends.count + 1
                rows += 1
                bytes.removeAll()
                // Resume after the line this happened in.
                resyncing = true
                throw error(startLine: startLine, column: column,
                            reason: "row longer than \(CSVDialect.size(dialect.maxRowBytes)) (a quote that is never closed?)")
            }
        }
    }

    private func endOfFile(state: State, startLine: Int) throws -> CSVRecord? {
        switch state {
        case .quoted, .quotedEscape:
            rows += 1
            let column = ends.count + 1
            bytes.removeAll()
            ends.removeAll()
            throw error(startLine: startLine, column: column, reason: "quoted field never closed before the end of the file")
        case .skipLine:
            return nil
        case .fieldStart where ends.isEmpty && bytes.isEmpty && !fieldWasQuoted:
            return nil
        default:
            ends.append(bytes.count)
            return try record(startLine: startLine)
        }
    }

    private func record(startLine: Int) throws -> CSVRecord {
        rows += 1
        var fields: [String] = []
        fields.reserveCapacity(ends.count)
        var start = 0
        for (index, end) in ends.enumerated() {
            guard let field = String(validating: bytes[start..<end], as: UTF8.self) else {
                throw error(startLine: startLine, column: index + 1, reason: "not valid UTF-8 (convert the file to UTF-8 first)")
            }
            fields.append(field)
            start = end
        }
        return CSVRecord(fields: fields, row: rows, line: startLine)
    }

    private func error(startLine: Int, column: Int, reason: String) -> CSVSourceError {
        CSVSourceError(file: name, row: rows, line: startLine, column: "\(column)", reason: reason)
    }

    private static func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "\"\(Character(UnicodeScalar(byte)))\"" : String(format: "byte 0x%02X", byte)
    }
}
