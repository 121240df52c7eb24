import MigrationCore
import SourceToolkit

/// The `SourceReader` of every XMPP server archive: one team, the server's accounts and rooms, then
/// the archive's rows in two streamed passes (amendments, then messages).
public final class XMPPArchiveReader: SourceReader {
    let source: any XMPPArchiveSource
    let options: XMPPOptions
    private let users: XMPPUserDirectory
    private let conversations: ConversationRegistry
    /// What the message pass found, for `inspect` (set once `stageMessages` has run).
    public private(set) var summary: XMPPArchiveSummary?
    /// The amending pass, started with the users when the source allows (taken by `stageMessages`).
    private var amendingRows: AmendingRowPrefetch?

    public var sourceName: String { "xmpp-\(source.serverName)" }
    public var files: (any SourceFileReader)? { source.fileReader }

    public init(source: any XMPPArchiveSource, options: XMPPOptions) {
        self.source = source
        self.options = options
        users = XMPPUserDirectory(defaultDomain: options.domain, userMap: options.userMap)
        conversations = ConversationRegistry(users: users)
    }

    public func stageTeams(into staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: ConversationRegistry.teamID, name: options.teamName, displayName: options.teamDisplayName))
    }

    public func stageUsers(into staging: MigrationStaging) throws {
        if source.readsAmendingRowsAlongside { amendingRows = AmendingRowPrefetch(source) }
        let accounts = try source.accounts()
        if options.domain == nil, accounts.contains(where: { XMPPJID($0)?.domain == nil }), let local = try source.localDomain() {
            users.setDefaultDomain(local)
            staging.recordChanged(kind: "user", reason: "no --domain: the local domain \(local) was taken from the archive's stanzas for accounts stored without one")
        }
        users.setProfiles(try source.profiles())
        for account in accounts {
            guard let jid = users.jid(account) else { continue }
            _ = try users.userID(jid, in: staging)
        }
    }

    public func stageConversations(into staging: MigrationStaging) throws {
        for room in try source.rooms() { try conversations.add(room, in: staging) }
    }

    public func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws {
        let converter = try ArchiveConverter(staging: staging, users: users, conversations: conversations, options: options,
                                         sourceName: source.serverName, registeredNicks: try source.registeredNicks())
        var scanned = 0
        let collect = { (row: ArchiveRow) in
            try converter.collectAmendment(row)
            scanned += 1
            if scanned % 10_000 == 0 { progress?("reading corrections and reactions", scanned, 0) }
        }
        if let prefetched = amendingRows {
            amendingRows = nil
            try prefetched.forEach(collect)
        } else {
            try source.forEachAmendingRow(collect)
        }
        let stream = ParsedRowStream.start(source)
        do {
            while let event = try stream.next() {
                switch consume event {
                case .rows(let rows):
                    // Each row read where it lies (`inout` through the buffer; `convert` never writes to it):
                    // passed by value or borrowed from the array, every row was copied whole first (each of
                    // its strings retained and released), and the array itself when it was not yet unique.
                    try rows.withUnsafeBufferPointer { buffer in
                        let rows = UnsafeMutablePointer(mutating: buffer.baseAddress)
                        for index in buffer.indices {
                            try converter.convert(&rows![index])
                            if converter.rows % 10_000 == 0 { progress?("reading archive", converter.rows, 0) }
                        }
                    }
                    stream.giveBack(.rows(rows))
                case .unreadable(let location, let reason):
                    try converter.unreadable(location, reason)
                }
            }
        } catch {
            stream.cancel()
            throw error
        }
        try converter.finish()
        for skipped in try source.skippedInput() {
            // Input kinds (`files`) count as input too, so the report balances.
            if let kind = MigrationReport.InputKind(rawValue: skipped.kind) {
                staging.recordSkipped(kind, reason: skipped.reason, item: skipped.item)
            } else {
                staging.recordSkipped(kind: skipped.kind, reason: skipped.reason, item: skipped.item)
            }
        }
        summary = XMPPArchiveSummary(rows: converter.rows, duplicateCopies: converter.duplicateCopies,
                                     firstTime: converter.firstTime, lastTime: converter.lastTime,
                                     usersWithoutDomain: users.withoutDomain, configuredRooms: conversations.configuredRooms,
                                     unlistedRooms: conversations.unlistedRooms, directConversations: conversations.directConversations)
    }
}

/// Figures of one archive read, beyond the conversion report's counts.
public struct XMPPArchiveSummary: Sendable, Equatable, Codable {
    public var rows: Int
    public var duplicateCopies: Int
    public var firstTime: Int64?
    public var lastTime: Int64?
    public var usersWithoutDomain: [String]
    public var configuredRooms: Int
    public var unlistedRooms: Int
    public var directConversations: Int
}
