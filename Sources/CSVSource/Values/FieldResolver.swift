import SourceToolkit

/// Resolves a mapping's field references against one file: CSV header names (or numbers) to column
/// indices, JSON paths to components. A name missing from a CSV header is an error naming it.
struct FieldResolver {
    enum Kind {
        /// CSV with the header's column names (empty when the file has no header).
        case csv(header: [String])
        case json
    }

    let kind: Kind
    let file: String

    func resolve(_ reference: FieldReference?, key: String) throws -> ResolvedField? {
        guard let reference else { return nil }
        let label = "\(reference) (fields.\(key))"
        switch (kind, reference) {
        case (.json, _):
            return ResolvedField(location: .path(reference.jsonPath), label: label)
        case (.csv, .number(let number)):
            return ResolvedField(location: .column(number - 1), label: label)
        case (.csv(let header), .name(let name)):
            guard !header.isEmpty else {
                throw CSVSourceError(file: file, reason: "fields.\(key) names column \"\(name)\" but the file has no header row (use a column number, or csv.header: true)")
            }
            guard let index = header.firstIndex(of: name) else {
                throw CSVSourceError(file: file, row: 1, reason: "fields.\(key): column \"\(name)\" is not in the header (columns: \(header.joined(separator: ", ")))")
            }
            return ResolvedField(location: .column(index), label: label)
        }
    }
}
