import Foundation
import SourceToolkit
import Testing
import TestSupport

/// A folder of CSV tables read as a database: names, NULLs, numeric order, malformed rows.
@Suite struct CSVTableRowReaderTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let url = try TemporaryDirectory.make("csv-tables")
        try TemporaryDirectory.writeTree(files.mapValues { Data($0.utf8) }, at: url)
        return url
    }

    @Test func tablesAnswerPlainSQL() throws {
        let url = try Self.folder(["dbo.MESSAGES.csv": "\u{FEFF}ID;BODY;NOTE\r\n10;\"ten; with a separator\";\r\n9;\"nine\nlines\";x\r\n",
                                   "notes.txt": "not a table"])
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = try CSVTableRowReader(directory: url, lenient: false, integerColumns: ["id"])
        #expect(try reader.columns(of: "messages") == ["id", "body", "note"])
        #expect(try reader.columns(of: "notes").isEmpty)
        var rows: [[SQLValue]] = []
        try reader.forEachRow("SELECT id, body, note FROM messages ORDER BY id") { rows.append($0) }
        #expect(rows.map { $0[0].int64 } == [9, 10])
        #expect(rows.map { $0[1].string } == ["nine\nlines", "ten; with a separator"])
        #expect(rows.map { $0[2] } == [.text(ArraySlice("x".utf8)), .null])
    }

    @Test func malformedRowsAreRecordedOrThrown() throws {
        let url = try Self.folder(["t.csv": "a,b\n1,2\n3\n\"4\"x,5\n6,7\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: CSVSourceError.self) { try CSVTableRowReader(directory: url, lenient: false) }
        let reader = try CSVTableRowReader(directory: url, lenient: true)
        #expect(reader.malformedRows["t"]?.map(\.location) == ["t.csv: row 3", "t.csv: row 4, column 1"])
        var count = 0
        try reader.forEachRow("SELECT * FROM t") { _ in count += 1 }
        #expect(count == 2)
    }

    @Test func twoFilesForOneTableAreRefused() throws {
        let url = try Self.folder(["dbo.T.csv": "a\n1\n", "t.csv": "a\n2\n"])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: CSVSourceError.self) { try CSVTableRowReader(directory: url, lenient: true) }
    }
}
