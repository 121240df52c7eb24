import Foundation
import GRDB
import GRDBSQLite

/// Direct binding and column access on a GRDB statement for the two hot loops (staging inserts and
/// the post scan), which run once per message: GRDB's `StatementArguments` and `Row` are general
/// but allocate per call, which dominated the profile at a million messages.
package struct FastStatement {
    package let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    package init(_ statement: Statement) {
        self.statement = statement
    }

    package func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    package func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    package func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    package func bind(_ index: Int32, _ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            _ = utf8.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, index, chars.baseAddress, Int32(chars.count), Self.transient)
            }
        }
    }

    package func bind(_ index: Int32, _ value: [UInt8]?) {
        guard let value else { sqlite3_bind_null(handle, index); return }
        value.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), Self.transient)
        }
    }

    /// Runs an insert or update; throws with SQLite's message on failure.
    package func execute(_ db: Database) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
    }

    /// Resets, binds two to four integers to parameters 1, 2, … and runs the statement: one row of
    /// the scratch tables' bulk writes (their loops bound each column by hand, over and over).
    package func execute(_ db: Database, binding first: Int64, _ second: Int64, _ third: Int64? = nil, _ fourth: Int64? = nil) throws {
        reset()
        bind(1, first)
        bind(2, second)
        if let third { bind(3, third) }
        if let fourth { bind(4, fourth) }
        try execute(db)
    }

    /// Steps a query; `false` when there are no more rows.
    package func step(_ db: Database) throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
    }

    package var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The column's value when SQLite holds it as an integer (not text, real, blob or NULL).
    package func storedInteger(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_INTEGER ? sqlite3_column_int64(handle, column) : nil
    }

    package func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    package func string(_ column: Int32) -> String {
        guard let text = sqlite3_column_text(handle, column) else { return "" }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    package func bytes(_ column: Int32) -> [UInt8]? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard let blob = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: blob, count: count))
    }
}
