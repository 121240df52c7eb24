import Foundation
import GRDB
import Testing
import TestSupport

/// Copies every table of an SQLite archive built by the scenarios into a fresh PostgreSQL or MariaDB
/// database, byte for byte, so the same rows can be read through each engine's reader.
///
/// The tables are those engines' equivalents of the servers' SQL schemas: integers as BIGINT, text as
/// TEXT (names unquoted-style: PostgreSQL folds them to lower case, MariaDB keeps them as written).
/// Text that is not UTF-8 can live only where the engine stores bytes: the PostgreSQL database is
/// SQL_ASCII with C collation, the MariaDB tables latin1_bin, as on the old installations that hold it
/// (both also sort in byte order, like SQLite).
enum ServerDatabaseCopy {
    enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case postgres
        case mariadb
        var testDescription: String { rawValue }
    }

    /// Creates `name` on `engine`, fills it from `sqlite`, and returns the `--database` URL (no password).
    static func copy(_ sqlite: URL, to engine: Engine, servers: TestServers, name: String) throws -> String {
        let queue = try DatabaseQueue(path: sqlite.path)
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        }
        var script = ""
        for table in tables {
            let columns = try queue.read { db in
                try Row.fetchAll(db, sql: "SELECT name, type FROM pragma_table_info(?)", arguments: [table]).map { ($0[0] as String, ($0[1] as String).uppercased()) }
            }
            let isInteger = columns.map { $0.1.contains("INT") }
            // Raw bytes from a cursor (integers as their decimal text), as SQLiteRowReader reads them.
            let rows = try queue.read { db in
                var rows: [[[UInt8]?]] = []
                let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table)\"")
                while let row = try cursor.next() {
                    rows.append(try (0..<row.count).map { index in try row.withUnsafeData(atIndex: index) { $0.map { Array($0) } } })
                }
                return rows
            }
            switch engine {
            case .postgres: script += postgresTable(table, columns: columns, isInteger: isInteger, rows: rows)
            case .mariadb: script += mariadbTable(table, columns: columns, isInteger: isInteger, rows: rows)
            }
        }
        switch engine {
        case .postgres:
            let postgres = servers.postgres
            try postgres.admin("postgres", "DROP DATABASE IF EXISTS \(name); CREATE DATABASE \(name) OWNER \(postgres.user) TEMPLATE template0 ENCODING 'SQL_ASCII' LC_COLLATE 'C' LC_CTYPE 'C';")
            try postgres.runAsUser(name, script)
            return "postgres://\(postgres.user)@127.0.0.1:\(postgres.port)/\(name)?sslmode=disable"
        case .mariadb:
            let mariadb = servers.mariadb
            try mariadb.admin(nil, "DROP DATABASE IF EXISTS \(name); CREATE DATABASE \(name) CHARACTER SET latin1 COLLATE latin1_bin;")
            try mariadb.admin(name, script)
            return "mysql://\(mariadb.user)@127.0.0.1:\(mariadb.port)/\(name)"
        }
    }

    private static func postgresTable(_ table: String, columns: [(String, String)], isInteger: [Bool], rows: [[[UInt8]?]]) -> String {
        let names = columns.map { "\"\($0.0.lowercased())\"" }
        var script = "CREATE TABLE \(table.lowercased()) (" + zip(names, isInteger).map { "\($0) \($1 ? "BIGINT" : "TEXT")" }.joined(separator: ", ") + ");\n"
        script += "COPY \(table.lowercased()) (\(names.joined(separator: ", "))) FROM STDIN;\n"
        for row in rows {
            script += row.map { value in
                guard let value else { return "\\N" }
                // ASCII only: every other byte as a COPY octal escape (the script travels as UTF-8 text).
                return value.map { byte in
                    switch byte {
                    case UInt8(ascii: "\\"): "\\\\"
                    case 0x20..<0x7F: String(UnicodeScalar(byte))
                    default: "\\" + String(byte, radix: 8).leftPadded(to: 3)
                    }
                }.joined()
            }.joined(separator: "\t") + "\n"
        }
        return script + "\\.\n"
    }

    private static func mariadbTable(_ table: String, columns: [(String, String)], isInteger: [Bool], rows: [[[UInt8]?]]) -> String {
        let names = columns.map { "`\($0.0)`" }
        var script = "CREATE TABLE `\(table)` (" + zip(names, isInteger).map { "\($0) \($1 ? "BIGINT" : "MEDIUMTEXT")" }.joined(separator: ", ") + ");\n"
        for row in rows {
            let values = zip(row, isInteger).map { value, integer -> String in
                guard let value else { return "NULL" }
                if integer { return String(decoding: value, as: UTF8.self) }
                return value.isEmpty ? "''" : "X'" + value.map { String($0, radix: 16).leftPadded(to: 2) }.joined() + "'"
            }
            script += "INSERT INTO `\(table)` (\(names.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")));\n"
        }
        return script
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
