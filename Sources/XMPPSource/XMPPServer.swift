import Foundation
import SourceToolkit

/// Where an XMPP archive comes from: a server's database, or a XEP-0227 export.
public enum XMPPInput {
    /// `--server S --database D`, or `--xep0227 FILE`; anything else is a one-line usage error.
    public static func open(server: XMPPServer?, database: String?, xep0227: String?) throws -> any XMPPArchiveSource {
        switch (server, database, xep0227) {
        case (let server?, let database?, nil): return try server.open(database: database)
        case (nil, nil, let file?): return try PIEFXISArchive(url: URL(fileURLWithPath: file))
        default: throw XMPPSourceError("give either --server and --database, or --xep0227 FILE")
        }
    }
}

/// The XMPP servers whose stored archives the reader understands.
public enum XMPPServer: String, CaseIterable, Sendable {
    case ejabberd
    case prosody
    case openfire
    case cisco

    /// Opens `database` (an SQLite file path) as this server's archive. PostgreSQL and MariaDB URLs
    /// are recognised and refused with a one-line error until their `SQLRowReader`s land.
    public func open(database: String) throws -> any XMPPArchiveSource {
        for scheme in ["postgres://", "postgresql://", "mysql://", "mariadb://"] where database.lowercased().hasPrefix(scheme) {
            throw XMPPSourceError("--database \(scheme)…: PostgreSQL and MariaDB are not supported yet; give an SQLite file (or dump the tables into one)")
        }
        switch self {
        case .ejabberd: return try EjabberdArchive(database: SQLiteRowReader(path: database))
        case .prosody: return try ProsodyArchive(database: SQLiteRowReader(path: database))
        case .openfire: return try OpenfireArchive(database: SQLiteRowReader(path: database))
        case .cisco: return try CiscoArchive(database: SQLiteRowReader(path: database))
        }
    }
}
