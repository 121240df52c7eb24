import MigrationCore

/// One archived stanza as a server stores it, before it is understood.
public struct ArchiveRow: Sendable {
    /// Where the row is, for the report and errors (`archive row 17`, `byte 1234`): joined when read,
    /// as most rows' never is (`"archive row id " + id` was an allocation per ejabberd row).
    public var location: String { locationPrefix + locationDetail }
    private let locationPrefix: String
    private let locationDetail: String
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
    /// With `skipReason`: the row is a further stored copy the source recognised itself (counted as one).
    public var isStoredCopy = false
    /// The archive id (XEP-0313/0359 stanza-id), which MUC replies and reactions refer to; made when
    /// read from a numeric one (most rows never need it).
    public var archiveID: String { archiveNumber.map { String($0) } ?? archiveText }
    private let archiveText: String
    private let archiveNumber: Int64?
    /// When the server stored it, in ms since the epoch.
    public var time: Int64
    /// The stored stanza XML.
    public var stanza: String
    /// Whether invalid UTF-8 bytes in the row were replaced.
    public var repairedText: Bool
    /// Whether other archives may hold a copy of the same message (personal archives: both local sides
    /// of a chat, every local member of a room); such copies are recognised and skipped.
    public var mayRepeat: Bool
    /// Files the server logged apart from the stanza (Cisco's `aft_log`), found on disk and attached.
    public var files: [SourceFile] = []
    /// Files the message carried that cannot be attached: why, and the file's path (for the report).
    public var missingFiles: [(reason: String, item: String)] = []

    /// `location` is `locationPrefix + location`, joined only when read (a literal prefix costs nothing
    /// per row); `archiveNumber`, when given, is the archive id instead of `archiveID`.
    public init(location: String, locationPrefix: String = "", owner: String, isRoom: Bool, peer: String? = nil, nick: String? = nil,
                archiveID: String = "", archiveNumber: Int64? = nil, time: Int64, stanza: String, repairedText: Bool = false,
                mayRepeat: Bool? = nil, senderJID: String? = nil) {
        self.senderJID = senderJID
        self.mayRepeat = mayRepeat ?? !isRoom
        self.locationPrefix = locationPrefix
        self.locationDetail = location
        self.owner = owner
        self.isRoom = isRoom
        self.peer = peer
        self.nick = nick
        self.archiveText = archiveID
        self.archiveNumber = archiveNumber
        self.time = time
        self.stanza = stanza
        self.repairedText = repairedText
    }
}
