/// A problem with a whole input file or with one of its rows, as one line naming where it is:
/// `data.csv: row 12 (line 14), column 3 "timestamp": cannot read "abc" as a time`.
public struct CSVSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based record number (the header, if any, is row 1); `nil` for a whole-file problem.
    public var row: Int?
    /// 1-based physical line where the row starts.
    public var line: Int?
    /// Column (1-based number, or name / JSON path) the problem is in.
    public var column: String?
    public var reason: String

    public init(file: String, row: Int? = nil, line: Int? = nil, column: String? = nil, reason: String) {
        self.file = file
        self.row = row
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// Where the problem is, without the reason (the report's item).
    public var location: String {
        var text = file
        if let row { text += ": row \(row)" + (line.map { $0 == row ? "" : " (line \($0))" } ?? "") }
        if let column { text += ", column \(column)" }
        return text
    }

    public var description: String { "\(location): \(reason)" }
}
