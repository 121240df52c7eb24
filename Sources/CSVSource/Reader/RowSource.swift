import Foundation
import SourceToolkit

/// The input formats of a bespoke export.
public enum BespokeFormat: String, Sendable {
    case csv, jsonl
}

/// The rows of one input file, CSV or JSON Lines, with the mapper for that file (CSV column names
/// resolved against its header). `next()` throws a `CSVSourceError` for a bad row and goes on with
/// the following row when called again.
final class RowSource {
    let name: String
    let mapper: RowMapper
    /// The CSV header (empty for headerless CSV and for JSON Lines).
    let header: [String]
    /// The CSV separator in use (`nil` for JSON Lines).
    let delimiter: CSVDialect.Delimiter?
    private let csv: CSVTokenizer?
    private let jsonl: JSONLinesReader?

    init(file: URL, format: BespokeFormat, mapping: BespokeMapping, delimiter: CSVDialect.Delimiter?, maxRowBytes: Int) throws {
        name = file.lastPathComponent
        switch format {
        case .csv:
            let chosen = try delimiter ?? mapping.delimiter ?? CSVDialect.detectDelimiter(path: file.path)
            let tokenizer = try CSVTokenizer(path: file.path, name: name,
                                             dialect: CSVDialect(delimiter: chosen, backslashEscapes: mapping.backslashEscapes, maxRowBytes: maxRowBytes))
            var header: [String] = []
            if mapping.header {
                guard let first = try tokenizer.next() else { throw CSVSourceError(file: name, reason: "empty file: no header row") }
                header = first.fields.map { $0.trimmingCharacters(in: .whitespaces) }
            }
            self.header = header
            self.delimiter = chosen
            csv = tokenizer
            jsonl = nil
            mapper = try RowMapper(mapping: mapping, resolver: FieldResolver(kind: .csv(header: header), file: name))
        case .jsonl:
            header = []
            self.delimiter = nil
            csv = nil
            jsonl = try JSONLinesReader(path: file.path, maxLineBytes: maxRowBytes, name: name)
            mapper = try RowMapper(mapping: mapping, resolver: FieldResolver(kind: .json, file: name))
        }
    }

    func next() throws -> InputRow? {
        if let csv { return try csv.next().map { InputRow($0, file: name) } }
        return try jsonl!.next().map { InputRow($0, file: name) }
    }

    var bytesRead: Int64 { csv?.bytesRead ?? jsonl?.bytesRead ?? 0 }
}
