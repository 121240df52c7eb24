import Foundation
import GRDB
import SourceToolkit
import Testing
import TestSupport

/// What the SQLite reader hands the XMPP readers, value by value.
@Suite struct SQLiteRowReaderTests {
    @Test func integersNullsTextBytesAndRealsSurvive() throws {
        let folder = try TemporaryDirectory.make("sqlite-values")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("values.sqlite").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE t (n, v)")
            try db.execute(sql: "INSERT INTO t VALUES (1, NULL), (2, ''), (3, 'a\tb'), (4, X'636166E9'), (5, 2.5), (6, -9223372036854775808), (7, ' 42 ')")
        }
        var rows: [[SQLValue]] = []
        try SQLiteRowReader(path: path).forEachRow("SELECT n, v FROM t ORDER BY n") { rows.append($0) }
        #expect(rows.map { $0[0] } == (1...7).map { SQLValue.integer($0) })
        #expect(rows.map { $0[1] } == [.null, .text([]), .text(ArraySlice("a\tb".utf8)), .text(ArraySlice(Array("caf".utf8) + [0xE9])),
                                       .text(ArraySlice("2.5".utf8)), .integer(.min), .text(ArraySlice(" 42 ".utf8))])
        // The accessors the readers use see integers and their text alike.
        #expect(rows[5][1].int64 == .min && rows[5][1].string == "-9223372036854775808")
        #expect(rows[6][1].int64 == 42)
        #expect(rows[3][1].text?.repaired == true)
    }

    @Test func aBadQueryIsOneLineNamingTheFile() throws {
        let folder = try TemporaryDirectory.make("sqlite-error")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("empty.sqlite").path
        try DatabaseQueue(path: path).write { try $0.execute(sql: "CREATE TABLE t (n)") }
        let error = #expect(throws: SQLSourceError.self) { try SQLiteRowReader(path: path).forEachRow("SELECT missing FROM t") { _ in } }
        #expect(error?.description.hasPrefix(path) == true)
        #expect(error?.description.contains("\n") == false)
    }
}
