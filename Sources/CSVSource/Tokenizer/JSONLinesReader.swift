import Foundation
import MattermostImport
import SourceToolkit

/// One JSON Lines object: its value and its 1-based line number (which is also its row).
public struct JSONLinesRecord: Sendable {
    public var object: JSONObject
    public var line: Int
}

/// Reads a JSON Lines file one line at a time through the project's JSON parser (a UTF-8 BOM, CRLF and
/// blank lines accepted). A line that is not one JSON object, or is longer than `maxLineBytes`, throws a
/// `CSVSourceError` naming the line; the next call goes on with the following line.
public final class JSONLinesReader {
    private let input: ChunkedFileInput
    private let name: String
    private let maxLineBytes: Int
    private var parser = JSONParser.Reusable()
    private var position = 0
    private var line = 0
    private var started = false
    /// Inside a line too long to keep: its bytes are dropped up to its end.
    private var discarding = false

    public init(path: String, maxLineBytes: Int = 64 << 20, name: String? = nil) throws {
        input = try ChunkedFileInput(path: path)
        self.name = name ?? path
        self.maxLineBytes = maxLineBytes
    }

    /// Bytes of the file read so far (for progress).
    public var bytesRead: Int64 { input.consumedBefore + Int64(position) }

    public func next() throws -> JSONLinesRecord? {
        while true {
            guard let (start, end) = try nextLine() else { return nil }
            line += 1
            if discarding || end - start > maxLineBytes {
                discarding = false
                throw CSVSourceError(file: name, row: line, line: line, reason: "line longer than \(CSVDialect.size(maxLineBytes))")
            }
            var trimmedEnd = end
            if trimmedEnd > start, input.buffer[trimmedEnd - 1] == 0x0D { trimmedEnd -= 1 }
            let bytes = UnsafeRawBufferPointer(rebasing: input.buffer[start..<trimmedEnd])
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let value: JSONValue
            do {
                value = try parser.parse(bytes)
            } catch {
                throw CSVSourceError(file: name, row: line, line: line, reason: "not JSON: \(error.reason) at byte \(error.offset + 1) of the line")
            }
            guard case .object(let object) = value else {
                throw CSVSourceError(file: name, row: line, line: line, reason: "not a JSON object")
            }
            return JSONLinesRecord(object: object, line: line)
        }
    }

    /// The next line's bytes in the buffer (without its `\n`), `nil` at the end of the file.
    private func nextLine() throws -> (Int, Int)? {
        var scanFrom = position
        while true {
            let count = input.count
            if scanFrom < count, let found = memchr(input.buffer.baseAddress! + scanFrom, 0x0A, count - scanFrom) {
                let end = input.buffer.baseAddress!.distance(to: found)
                let start = position
                position = end + 1
                if !started { started = true; return (skipBOM(start, end), end) }
                return (start, end)
            }
            if count - position > maxLineBytes {
                // Drop what is buffered of the over-long line; remember to report it at its end.
                discarding = true
                position = count
            }
            let keptFrom = position
            let more = try input.refill(keepFrom: keptFrom)
            position = 0
            guard more else {
                guard position < input.count || discarding else { return nil }
                let start = position
                position = input.count
                if !started { started = true; return (skipBOM(start, input.count), input.count) }
                return (start, input.count)
            }
            scanFrom = count - keptFrom // go on after what was already scanned
        }
    }

    private func skipBOM(_ start: Int, _ end: Int) -> Int {
        end - start >= 3 && input.buffer[start] == 0xEF && input.buffer[start + 1] == 0xBB && input.buffer[start + 2] == 0xBF ? start + 3 : start
    }
}
