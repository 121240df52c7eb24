/// One archived stanza as a server stores it, before it is understood.
public struct ArchiveRow: Sendable {
    /// Where the row is, for the report and errors (`archive row 17`, `byte 1234`).
    public var location: String
    /// The archive's owner: a local user (personal archive) or a room (MUC archive). A user may be
    /// stored without a domain (ejabberd's `username`): it is completed from the stanza or `--domain`.
    public var owner: String
    public var isRoom: Bool
    /// Personal archives: the other side's JID.
    public var peer: String?
    /// MUC archives: the occupant's nick, when the server stores it apart from the stanza.
    public var nick: String?
    /// MUC archives: the occupant's real JID, when the server stores it apart from the stanza.
    public var senderJID: String?
    /// Set when the source already knows the row is not to be posted (counted under this reason).
    public var skipReason: String?
    /// The archive id (XEP-0313/0359 stanza-id), which MUC replies and reactions refer to.
    public var archiveID: String
    /// When the server stored it, in ms since the epoch.
    public var time: Int64
    /// The stored stanza XML.
    public var stanza: String
    /// Whether invalid UTF-8 bytes in the row were replaced.
    public var repairedText: Bool
    /// Whether other archives may hold a copy of the same message (personal archives: both local sides
    /// of a chat, every local member of a room); such copies are recognised and skipped.
    public var mayRepeat: Bool

    public init(location: String, owner: String, isRoom: Bool, peer: String? = nil, nick: String? = nil,
                archiveID: String, time: Int64, stanza: String, repairedText: Bool = false, mayRepeat: Bool? = nil,
                senderJID: String? = nil) {
        self.senderJID = senderJID
        self.mayRepeat = mayRepeat ?? !isRoom
        self.location = location
        self.owner = owner
        self.isRoom = isRoom
        self.peer = peer
        self.nick = nick
        self.archiveID = archiveID
        self.time = time
        self.stanza = stanza
        self.repairedText = repairedText
    }
}

/// A MUC room as the server's configuration describes it.
public struct RoomInfo: Sendable, Equatable {
    public var jid: String
    public var title: String?
    public var description: String?
    public var subject: String?
    /// `nil`: the configuration does not say (such rooms become private channels).
    public var membersOnly: Bool?
    public var memberJIDs: [String]
    public var adminJIDs: [String]

    public init(jid: String, title: String? = nil, description: String? = nil, subject: String? = nil,
                membersOnly: Bool? = nil, memberJIDs: [String] = [], adminJIDs: [String] = []) {
        self.jid = jid
        self.title = title
        self.description = description
        self.subject = subject
        self.membersOnly = membersOnly
        self.memberJIDs = memberJIDs
        self.adminJIDs = adminJIDs
    }
}

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
}
