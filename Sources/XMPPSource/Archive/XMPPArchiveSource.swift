import MigrationCore
import SourceToolkit

/// A server's archive, read in two streamed passes: first the few rows that amend others (XEP-0308
/// corrections, XEP-0444 reactions), then every row, oldest first.
public protocol XMPPArchiveSource: AnyObject {
    /// `ejabberd`, `prosody`, `xep0227`: written in the report.
    var serverName: String { get }
    /// The accounts the server lists (bare JIDs, maybe without a domain).
    func accounts() throws -> [String]
    /// Names and emails the server keeps for its accounts, by JID (most servers keep none).
    func profiles() throws -> [String: XMPPProfile]
    /// The rooms the server's configuration lists.
    func rooms() throws -> [RoomInfo]
    /// Nick → real JID registrations per room JID (`muc_registered`), if the server keeps them.
    func registeredNicks() throws -> [String: [String: String]]
    /// Rows that may hold a correction or reaction (a superset is fine), oldest first.
    func forEachAmendingRow(_ body: (ArchiveRow) throws -> Void) throws
    /// The server's own domain as its stored stanzas show it, for accounts stored without one when
    /// `--domain` is not given (`nil`: cannot tell).
    func localDomain() throws -> String?
    /// Every row, oldest first; `unreadable` is told where a file stops being readable (truncated or
    /// malformed XML), after which that file yields no more rows.
    func forEachRow(_ body: (ArchiveRow) throws -> Void, unreadable: (_ location: String, _ reason: String) throws -> Void) throws
    /// Where the bytes of the files rows carry (`ArchiveRow.files`) are read from (`nil`: rows carry none).
    var fileReader: (any SourceFileReader)? { get }
    /// Input that is no message and could not be read (a malformed row of a room or file table under
    /// `--lenient`, a file no message names), for the report once the rows are read: kind (an input
    /// kind such as `files` counts as input), reason, where.
    func skippedInput() throws -> [(kind: String, reason: String, item: String)]
    /// Whether `forEachAmendingRow` may run on another thread while the accounts and rooms are read
    /// (a database that takes concurrent queries, and no state the other calls change).
    var readsAmendingRowsAlongside: Bool { get }
}

/// What a server knows about an account besides its JID.
public struct XMPPProfile: Sendable, Equatable {
    public var name: String?
    public var email: String?

    public init(name: String? = nil, email: String? = nil) {
        self.name = name
        self.email = email
    }
}

extension XMPPArchiveSource {
    public func localDomain() throws -> String? { nil }
    public func profiles() throws -> [String: XMPPProfile] { [:] }
    public var fileReader: (any SourceFileReader)? { nil }
    public func skippedInput() throws -> [(kind: String, reason: String, item: String)] { [] }
    public var readsAmendingRowsAlongside: Bool { false }
}

extension SQLRowReader {
    /// The condition that picks `forEachAmendingRow`'s rows: stanzas in `column` that name the
    /// correction or reaction namespace.
    func amendingCondition(column: String) -> String {
        "(" + containsCondition(column: column, text: XMPPNamespace.correction) + " OR "
            + containsCondition(column: column, text: XMPPNamespace.reactions) + ")"
    }

    /// What a query filtered by `amendingCondition` orders by instead of `column`: `column + 0`, which
    /// no index serves. Walking the column's index over the whole table for a few rows (random reads)
    /// took PostgreSQL twice as long as scanning it (in parallel) and sorting what it keeps; the order
    /// is the same.
    func amendingOrder(_ column: String) -> String { column + " + 0" }
}
