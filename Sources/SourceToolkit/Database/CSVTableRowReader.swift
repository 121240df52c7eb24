import Foundation
import GRDB
import MigrationCore

/// A database given as one CSV file per table (`--tables-dir`: what a vendor's export tool writes for
/// MS SQL or Oracle databases this tool cannot reach), each with a header row naming its columns.
/// The files are streamed once into a scratch SQLite file (memory stays flat whatever their size),
/// which then answers the reader's plain SQL like any other `SQLRowReader`, so a reader needs no
/// second code path. Table names are the file names, lower-cased, without `.csv` and without a
/// schema prefix (`dbo.TC_ROOMS.csv` is `tc_rooms`). An empty field is NULL. Every column is text
/// except those named in `integerColumns`, so that `ORDER BY` sorts ids as numbers, as the original
/// database did.
public final class CSVTableRowReader: SQLRowReader {
    /// A row that could not be read (lenient mode): where and why.
    public struct MalformedRow: Sendable, Equatable {
        public var table: String
        /// `jm.csv: row 12 (line 14)`.
        public var location: String
        public var reason: String
    }

    public let displayName: String
    private let directory: URL
    private let scratch: SQLiteRowReader
    /// By table, in file order.
    public private(set) var malformedRows: [String: [MalformedRow]] = [:]

    /// - Parameters:
    ///   - lenient: record malformed rows (wrong field count, broken quoting, bad UTF-8) and go on,
    ///     instead of throwing a one-line `CSVSourceError` at the first.
    ///   - integerColumns: column names (lower case) given INTEGER affinity.
    public init(directory: URL, lenient: Bool, integerColumns: Set<String> = []) throws {
        displayName = directory.path
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: [.isRegularFileKey])
                .filter { $0.pathExtension.lowercased() == "csv" && (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw SQLSourceError("\(directory.path): cannot list the tables directory (\(error.localizedDescription))")
        }
        self.directory = try ScratchDatabase.makeDirectory(prefix: "mattermove-csv-tables")
        let file = self.directory.appendingPathComponent("tables.sqlite")
        do {
            let queue = try DatabaseQueue(path: file.path)
            var seen = Set<String>()
            var malformedRows: [String: [MalformedRow]] = [:]
            for url in files {
                let table = Self.tableName(url)
                guard seen.insert(table).inserted else {
                    throw CSVSourceError(file: url.lastPathComponent, reason: "a second file for table \(table)")
                }
                try Self.load(url, into: table, queue: queue, lenient: lenient, integerColumns: integerColumns) { malformed in
                    malformedRows[table, default: []].append(malformed)
                }
            }
            try queue.close()
            self.malformedRows = malformedRows
        } catch {
            try? FileManager.default.removeItem(at: self.directory)
            throw error
        }
        scratch = try SQLiteRowReader(path: file.path)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// `dbo.TC_ROOMS.csv` → `tc_rooms`.
    static func tableName(_ url: URL) -> String {
        let name = url.deletingPathExtension().lastPathComponent.lowercased()
        return name.split(separator: ".").last.map(String.init) ?? name
    }

    public func columns(of table: String) throws -> [String] { try scratch.columns(of: table) }

    public func forEachRow(_ sql: String, _ body: ([SQLValue]) throws -> Void) throws { try scratch.forEachRow(sql, body) }

    private static func load(_ url: URL, into table: String, queue: DatabaseQueue, lenient: Bool, integerColumns: Set<String>,
                             malformed: (MalformedRow) -> Void) throws {
        let name = url.lastPathComponent
        let tokenizer = try CSVTokenizer(path: url.path, name: name, dialect: CSVDialect(delimiter: try CSVDialect.detectDelimiter(path: url.path)))
        guard let header = try tokenizer.next() else {
            throw CSVSourceError(file: name, reason: "empty file: expected a header row naming the table's columns")
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard !columns.contains(""), Set(columns).count == columns.count else {
            throw CSVSourceError(file: name, row: 1, reason: "the header row has an empty or repeated column name")
        }
        let quoted = columns.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }
        let definitions = zip(columns, quoted).map { integerColumns.contains($0) ? "\($1) INTEGER" : $1 }
        try queue.inDatabase { db in
            try db.execute(sql: "CREATE TABLE \"\(table)\" (\(definitions.joined(separator: ", ")))")
            try db.inTransaction {
                let insert = try db.makeStatement(sql: "INSERT INTO \"\(table)\" (\(quoted.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))")
                while true {
                    let record: CSVRecord
                    do {
                        guard let next = try tokenizer.next() else { break }
                        record = next
                    } catch let error as CSVSourceError where lenient {
                        malformed(MalformedRow(table: table, location: error.location, reason: error.reason))
                        continue
                    }
                    guard record.fields.count == columns.count else {
                        let error = CSVSourceError(file: name, row: record.row, line: record.line,
                                                   reason: "\(record.fields.count) fields where the header has \(columns.count)")
                        guard lenient else { throw error }
                        malformed(MalformedRow(table: table, location: error.location, reason: error.reason))
                        continue
                    }
                    try insert.execute(arguments: StatementArguments(record.fields.map { $0.isEmpty ? DatabaseValue.null : $0.databaseValue }))
                }
                return .commit
            }
        }
    }
}
