import Foundation
import SourceToolkit

extension CiscoArchive {
    /// `--server cisco` with `--database FILE` (SQLite) or `--tables-dir DIR` (one CSV per table),
    /// and `--files-root DIR` for the managed-file-transfer files.
    public static func open(database: String?, tablesDir: String?, filesRoot: String?, lenient: Bool) throws -> CiscoArchive {
        let root = filesRoot.map { URL(fileURLWithPath: $0, isDirectory: true) }
        switch (database, tablesDir) {
        case (let database?, nil):
            // An SQLite file; server URLs go through `XMPPServer.open` (no files root there yet).
            if database.contains("://"), let server = try XMPPServer.cisco.open(database: database) as? CiscoArchive {
                return try CiscoArchive(database: server.database, filesRoot: root, lenient: lenient)
            }
            return try CiscoArchive(database: SQLiteRowReader(path: database), filesRoot: root, lenient: lenient)
        case (nil, let directory?):
            let tables = try CSVTableRowReader(directory: URL(fileURLWithPath: directory, isDirectory: true), lenient: true,
                                               integerColumns: integerColumns)
            return try CiscoArchive(database: tables, filesRoot: root, lenient: lenient)
        default:
            throw XMPPSourceError("--server cisco needs either --database FILE or --tables-dir DIR")
        }
    }
}
