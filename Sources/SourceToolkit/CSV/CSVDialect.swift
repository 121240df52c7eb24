import Foundation

/// How a CSV file is written: its separator and whether `\"` escapes a quote inside a quoted field
/// (Slack's import layout) besides the standard doubled `""`.
public struct CSVDialect: Sendable, Equatable {
    /// The field separator.
    public enum Delimiter: String, Sendable, CaseIterable {
        case comma = ",", semicolon = ";", tab

        public var byte: UInt8 {
            switch self {
            case .comma: UInt8(ascii: ",")
            case .semicolon: UInt8(ascii: ";")
            case .tab: UInt8(ascii: "\t")
            }
        }
    }

    public var delimiter: Delimiter
    public var backslashEscapes: Bool
    /// Longest row accepted, in bytes: a quote never closed cannot make a row swallow the file.
    public var maxRowBytes: Int

    public init(delimiter: Delimiter = .comma, backslashEscapes: Bool = false, maxRowBytes: Int = 64 << 20) {
        self.delimiter = delimiter
        self.backslashEscapes = backslashEscapes
        self.maxRowBytes = maxRowBytes
    }

    /// `64 MiB`, or `1000 bytes` below a MiB (for messages about limits).
    public static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }

    /// The separator of the first row of `path` (quotes respected): whichever of `,` `;` TAB occurs most
    /// often, `,` when none does. Only the first 64 KiB are read.
    public static func detectDelimiter(path: String) throws -> Delimiter {
        let input = try ChunkedFileInput(path: path, chunkSize: 1 << 16)
        _ = try input.refill(keepFrom: 0)
        var counts: [Delimiter: Int] = [:]
        var inQuotes = false
        let bytes = UnsafeRawBufferPointer(rebasing: input.buffer[0..<input.count])
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            if inQuotes { continue }
            if byte == 0x0A || byte == 0x0D { break }
            if let delimiter = Delimiter.allCases.first(where: { $0.byte == byte }) { counts[delimiter, default: 0] += 1 }
        }
        // Ties keep the order comma, semicolon, tab; none found is a comma.
        return Delimiter.allCases.reduce(Delimiter.comma) { counts[$1, default: 0] > counts[$0, default: 0] ? $1 : $0 }
    }
}
