import Foundation
import SourceToolkit

/// Where an XMPP archive comes from: a server's database, or a XEP-0227 export.
public enum XMPPInput {
    /// `--server S --database D [--password-file F]`, or `--xep0227 FILE`; anything else is a one-line usage error.
    public static func open(server: XMPPServer?, database: String?, xep0227: String?, passwordFile: String? = nil) throws -> any XMPPArchiveSource {
        switch (server, database, xep0227) {
        case (let server?, let database?, nil): return try server.open(database: database, passwordFile: passwordFile)
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

    /// Opens `database` as this server's archive: an SQLite file path, or a `postgres://user@host:port/db`
    /// or `mysql://user@host:port/db` URL whose password comes from `passwordFile` (see `SQLDatabase`).
    public func open(database: String, passwordFile: String? = nil) throws -> any XMPPArchiveSource {
        let reader = try SQLDatabase.open(database, passwordFile: passwordFile)
        switch self {
        case .ejabberd: return try EjabberdArchive(database: reader)
        case .prosody: return try ProsodyArchive(database: reader)
        case .openfire: return try OpenfireArchive(database: reader)
        case .cisco: return try CiscoArchive(database: reader)
        }
    }
}
