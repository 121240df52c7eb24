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

    /// The database or XEP-0227 file named, as given.
    var inputName: String { database ?? xep0227 ?? "" }

    func open() throws -> any XMPPArchiveSource {
        try XMPPInput.open(server: server, database: database, xep0227: xep0227, passwordFile: passwordFile)
    }
}
