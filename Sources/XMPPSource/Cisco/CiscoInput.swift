import Foundation
import SourceToolkit

extension CiscoArchive {
    /// `--server cisco` with `--database FILE` (SQLite) or `--tables-dir DIR` (one CSV per table),
    /// `postgres://…` / `mysql://…`, and `--files-root DIR` for the managed-file-transfer files.
    public static func open(database: String?, tablesDir: String?, filesRoot: String?, lenient: Bool,
                            passwordFile: String? = nil) throws -> CiscoArchive {
        let root = filesRoot.map { URL(fileURLWithPath: $0, isDirectory: true) }
        switch (database, tablesDir) {
        case (let database?, nil):
            // An SQLite file, or a PostgreSQL / MariaDB URL (the password from `passwordFile` or the usual places).
            return try CiscoArchive(database: SQLDatabase.open(database, passwordFile: passwordFile), filesRoot: root, lenient: lenient)
        case (nil, let directory?):
            let tables = try CSVTableRowReader(directory: URL(fileURLWithPath: directory, isDirectory: true), lenient: true,
                                               integerColumns: integerColumns)
            return try CiscoArchive(database: tables, filesRoot: root, lenient: lenient)
        default:
            throw XMPPSourceError("--server cisco needs either --database FILE or --tables-dir DIR")
        }
    }
}
