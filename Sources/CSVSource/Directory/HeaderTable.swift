import Foundation
import SourceToolkit

/// A small CSV file with a header row (the users and channels files): every row as column → value.
/// Unknown columns and a missing required column are errors naming them.
enum HeaderTable {
    static func read(_ url: URL, required: String, optional: [String], each: ([String: String], CSVRecord) throws -> Void) throws {
        let name = url.lastPathComponent
        let tokenizer = try CSVTokenizer(path: url.path, name: name, dialect: CSVDialect(delimiter: try CSVDialect.detectDelimiter(path: url.path)))
        guard let header = try tokenizer.next()?.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            throw CSVSourceError(file: name, reason: "empty file: expected a header row with \(required)")
        }
        let allowed = [required] + optional
        for (index, column) in header.enumerated() where !allowed.contains(column) {
            throw CSVSourceError(file: name, row: 1, column: "\(index + 1)",
                                 reason: "unknown column \"\(column)\" (expected: \(allowed.joined(separator: ", ")))")
        }
        guard header.contains(required) else {
            throw CSVSourceError(file: name, row: 1, reason: "no \"\(required)\" column (expected: \(allowed.joined(separator: ", ")))")
        }
        while let record = try tokenizer.next() {
            var values: [String: String] = [:]
            for (index, column) in header.enumerated() where index < record.fields.count {
                let value = record.fields[index].trimmingCharacters(in: .whitespaces)
                if !value.isEmpty { values[column] = value }
            }
            guard values[required] != nil else {
                throw CSVSourceError(file: name, row: record.row, line: record.line, column: required, reason: "empty")
            }
            try each(values, record)
        }
    }

    static func isTrue(_ value: String?) -> Bool {
        ["true", "1", "yes", "y"].contains(value?.lowercased() ?? "")
    }
}
