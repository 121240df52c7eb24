import SourceToolkit

/// ejabberd's SQL storage (mod_mam `archive`, `muc_room`, `muc_registered`, `users`), in the old
/// single-host schema or the new multi-host one (`server_host` columns). Personal rows have the
/// owner's localpart in `username`; room rows have the room's bare JID and `kind = 'groupchat'`.
/// `timestamp` is in microseconds and doubles as the MAM archive id.
public final class EjabberdArchive: XMPPArchiveSource {
    private let database: any SQLRowReader
    private let archiveColumns: TableColumns
    public var serverName: String { "ejabberd" }
    public var readsAmendingRowsAlongside: Bool { database.runsQueriesConcurrently }

    public init(database: any SQLRowReader) throws {
        self.database = database
        archiveColumns = try TableColumns(database, table: "archive")
        let needed: Set = ["username", "timestamp", "peer", "xml"]
        guard needed.isSubset(of: archiveColumns.names) else {
            throw XMPPSourceError("\(database.displayName): no ejabberd `archive` table (needs \(needed.sorted().joined(separator: ", ")))")
        }
    }

    public func accounts() throws -> [String] {
        let columns = try TableColumns(database, table: "users")
        guard columns.has("username") else { return [] }
        let host = columns.orNull("server_host")
        var accounts: [String] = []
        try database.forEachRow("SELECT username, \(host) FROM users ORDER BY username") { row in
            guard let user = row[0].string, !user.isEmpty else { return }
            accounts.append(row[1].string.map { "\(user)@\($0)" } ?? user)
        }
        return accounts
    }

    public func rooms() throws -> [RoomInfo] {
        guard try TableColumns(database, table: "muc_room").has("name", "host", "opts") else { return [] }
        var rooms: [RoomInfo] = []
        try database.forEachRow("SELECT name, host, opts FROM muc_room ORDER BY host, name") { row in
            guard let name = row[0].string, let host = row[1].string else { return }
            rooms.append(EjabberdRoomOptions.room(jid: "\(name)@\(host)", opts: row[2].string ?? ""))
        }
        return rooms
    }

    public func registeredNicks() throws -> [String: [String: String]] {
        guard try TableColumns(database, table: "muc_registered").has("jid", "host", "nick") else { return [:] }
        // `host` is the MUC service, not the room: a registered nick holds in every room of it.
        var byService: [String: [String: String]] = [:]
        try database.forEachRow("SELECT jid, host, nick FROM muc_registered ORDER BY host, nick") { row in
            guard let jid = row[0].string, let host = row[1].string, let nick = row[2].string else { return }
            byService[host, default: [:]][nick] = jid
        }
        guard !byService.isEmpty else { return [:] }
        var byRoom: [String: [String: String]] = [:]
        for room in try rooms() {
            guard let service = XMPPJID(room.jid)?.domain, let nicks = byService[service] else { continue }
            byRoom[room.jid] = nicks
        }
        return byRoom
    }

    /// The domain of the first chat stanzas whose `from` or `to` is the archive's owner (old schema
    /// rows store only the owner's localpart).
    public func localDomain() throws -> String? {
        let kind = archiveColumns.names.contains("kind") ? "WHERE kind = 'chat' OR kind IS NULL" : ""
        var domain: String?
        try database.forEachRow("SELECT username, xml FROM archive \(kind) ORDER BY timestamp LIMIT 100") { row in
            guard domain == nil, let owner = row[0].string.flatMap(XMPPJID.init), owner.domain == nil,
                  let stanza = try? StanzaParser.parse(row[1].string ?? "") else { return }
            for text in [stanza.from, stanza.to] {
                if let jid = text.flatMap(XMPPJID.init), jid.localpart == owner.localpart, let found = jid.domain { domain = found; return }
            }
        }
        return domain
    }

    public func forEachAmendingRow(_ body: (ArchiveRow) throws -> Void) throws {
        try forEach(where: "WHERE " + database.amendingCondition(column: "xml"), body)
    }

    public func forEachRow(_ body: (ArchiveRow) throws -> Void, unreadable: (String, String) throws -> Void) throws {
        try forEach(where: "", body)
    }

    private func forEach(where filter: String, _ body: (ArchiveRow) throws -> Void) throws {
        let kind = archiveColumns.orNull("kind"), nick = archiveColumns.orNull("nick"), host = archiveColumns.orNull("server_host")
        let id = archiveColumns.names.contains("id") ? "id" : "timestamp"
        let order = filter.isEmpty ? "timestamp" : database.amendingOrder("timestamp")
        let sql = "SELECT username, timestamp, peer, xml, \(kind), \(nick), \(host), \(id) FROM archive \(filter) ORDER BY \(order), \(id)"
        try database.forEachRow(sql) { row in
            let rowID = row[7].string ?? "?", locationPrefix = "archive row id "
            guard let username = row[0].text, let micros = row[1].int64, let xml = row[3].text else {
                throw XMPPSourceError("\(database.displayName): \(locationPrefix)\(rowID): username, timestamp or xml is missing")
            }
            let isRoom = row[4].string == "groupchat"
            let peer = row[2].text, nickText = row[5].text
            let owner = !isRoom && !username.value.utf8.contains(UInt8(ascii: "@")) ? row[6].string.map { "\(username.value)@\($0)" } ?? username.value : username.value
            let repaired = username.repaired || xml.repaired || peer?.repaired == true || nickText?.repaired == true
            try body(ArchiveRow(location: rowID, locationPrefix: locationPrefix, owner: owner, isRoom: isRoom, peer: isRoom ? nil : peer?.value,
                                nick: isRoom ? nickText.flatMap { $0.value.isEmpty ? nil : $0.value } : nil,
                                archiveNumber: micros, time: Self.milliseconds(micros), stanza: xml.value, repairedText: repaired))
        }
    }

    /// µs → ms, rounding toward the past (negative times included).
    static func milliseconds(_ micros: Int64) -> Int64 {
        micros >= 0 ? micros / 1000 : (micros - 999) / 1000
    }
}
