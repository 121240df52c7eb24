import ArgumentParser
import XMPPSource

/// Where `convert xmpp` and `inspect xmpp` read an archive from, spelled once for both.
struct XMPPInputOptions: ParsableArguments {
    @Option(help: "The server that wrote the archive: \(XMPPServer.allCases.map(\.rawValue).joined(separator: ", ")).")
    var server: XMPPServer?

    @Option(help: "The server's database: an SQLite file path, postgres://user@host:port/db or mysql://user@host:port/db (MariaDB too). Never put the password in the URL.")
    var database: String?

    @Option(help: ArgumentHelp("A file holding the database password (else PGPASSWORD, PGPASSFILE or ~/.pgpass for PostgreSQL, ~/.my.cnf for MySQL/MariaDB).", valueName: "file"))
    var passwordFile: String?

    @Option(name: .customLong("xep0227"), help: "A XEP-0227 (PIE/PIEFXIS) export file instead of a database (XInclude-split exports too).")
    var xep0227: String?

    @Option(help: "Domain for JIDs stored without one (local users in the archive or user tables).")
    var domain: String?

    @Option(help: "Cisco IM&P only: a folder of one CSV file per table (header row; e.g. tc_rooms.csv, jm.csv, aft_log.csv), as a vendor export tool writes them, instead of --database.")
    var tablesDir: String?

    @Option(help: "Cisco IM&P only: the folder holding the file server's managed-file-transfer files (aft_log file paths are looked up below it; paths leaving it are refused).")
    var filesRoot: String?

    /// The database, tables folder or XEP-0227 file named, as given.
    var inputName: String { database ?? tablesDir ?? xep0227 ?? "" }

    func open(lenient: Bool = true) throws -> any XMPPArchiveSource {
        if server == .cisco, xep0227 == nil {
            return try CiscoArchive.open(database: database, tablesDir: tablesDir, filesRoot: filesRoot, lenient: lenient,
                                         passwordFile: passwordFile)
        }
        guard tablesDir == nil, filesRoot == nil else { throw XMPPSourceError("--tables-dir and --files-root are for --server cisco") }
        return try XMPPInput.open(server: server, database: database, xep0227: xep0227, passwordFile: passwordFile)
    }
}
