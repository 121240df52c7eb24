import SourceToolkit

/// Prosody's SQL storage (mod_storage_sql): `prosodyarchive` holds the `archive` store (personal
/// archives, mod_mam: `user`@`host` owns the row, `with` is the peer) and the `muc_log` store (room
/// archives, mod_muc_mam: `user`@`host` is the room, the nick is the `from` resource); rows are read
/// in `sort_id` order, `when` (whole seconds) refined by a `<delay>` in the stanza. The `prosody`
/// key-value table gives accounts (`accounts` store) and room configurations (`config` store).
public final class ProsodyArchive: XMPPArchiveSource {
    private let database: any SQLRowReader
    public var serverName: String { "prosody" }
    public var readsAmendingRowsAlongside: Bool { database.runsQueriesConcurrently }

    public init(database: any SQLRowReader) throws {
        self.database = database
        let needed: Set = ["sort_id", "host", "user", "store", "key", "when", "with", "value"]
        guard needed.isSubset(of: Set(try database.columns(of: "prosodyarchive"))) else {
            throw XMPPSourceError("\(database.displayName): no Prosody `prosodyarchive` table (needs \(needed.sorted().joined(separator: ", ")))")
        }
    }

    private var hasKeyValueTable: Bool {
        get throws { try TableColumns(database, table: "prosody").has("host", "user", "store", "key", "value") }
    }

    public func accounts() throws -> [String] {
        guard try hasKeyValueTable else { return [] }
        var accounts: [String] = []
        var last: String?
        try database.forEachRow("SELECT host, \(database.quote("user")) FROM prosody WHERE store = 'accounts' ORDER BY host, \(database.quote("user"))") { row in
            guard let host = row[0].string, let user = row[1].string, !user.isEmpty else { return }
            let jid = "\(user)@\(host)"
            if jid != last { accounts.append(jid) }
            last = jid
        }
        return accounts
    }

    public func rooms() throws -> [RoomInfo] {
        guard try hasKeyValueTable else { return [] }
        var rooms: [RoomInfo] = []
        try database.forEachRow("""
            SELECT host, \(database.quote("user")), \(database.quote("key")), value FROM prosody WHERE store = 'config'
            ORDER BY host, \(database.quote("user")), \(database.quote("key"))
            """) { row in
            guard let host = row[0].string, let node = row[1].string, let key = row[2].string, let value = row[3].string else { return }
            let jid = "\(node)@\(host)"
            if rooms.last?.jid != jid { rooms.append(RoomInfo(jid: jid)) }
            ProsodyRoomConfig.apply(key: key, json: value, to: &rooms[rooms.count - 1])
        }
        return rooms
    }

    public func registeredNicks() throws -> [String: [String: String]] { [:] }

    public func forEachAmendingRow(_ body: (ArchiveRow) throws -> Void) throws {
        try forEach(where: "AND " + database.amendingCondition(column: "value"), body)
    }

    public func forEachRow(_ body: (ArchiveRow) throws -> Void, unreadable: (String, String) throws -> Void) throws {
        try forEach(where: "", body)
    }

    private func forEach(where filter: String, _ body: (ArchiveRow) throws -> Void) throws {
        let q = database.quote
        let order = filter.isEmpty ? "sort_id" : database.amendingOrder("sort_id")
        let sql = """
            SELECT sort_id, host, \(q("user")), store, \(q("key")), \(q("when")), \(q("with")), value FROM prosodyarchive
            WHERE store IN ('archive', 'muc_log') \(filter) ORDER BY \(order)
            """
        try database.forEachRow(sql) { row in
            let location = "prosodyarchive sort_id \(row[0].string ?? "?")"
            guard let host = row[1].text, let user = row[2].text, let seconds = row[5].int64, let value = row[7].text else {
                throw XMPPSourceError("\(database.displayName): \(location): host, user, when or value is missing")
            }
            let isRoom = row[3].string == "muc_log"
            let with = row[6].text
            let repaired = host.repaired || user.repaired || value.repaired || with?.repaired == true
            try body(ArchiveRow(location: location, owner: "\(user.value)@\(host.value)", isRoom: isRoom,
                                // `with` is the peer's bare JID in personal archives ("message<groupchat" in room logs).
                                peer: isRoom ? nil : with.flatMap { $0.value.contains("<") ? nil : $0.value },
                                archiveID: row[4].string ?? location, time: seconds * 1000, stanza: value.value, repairedText: repaired))
        }
    }
}
