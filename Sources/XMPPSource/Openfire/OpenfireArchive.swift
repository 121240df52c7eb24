import SourceToolkit

/// Openfire's tables: 1:1 messages from the Monitoring plugin's `ofMessageArchive` (ms `sentDate`),
/// room messages from the core `ofMucConversationLog` (`logTime` CHAR(15) ms strings, real JID in
/// `sender`), rooms from `ofMucRoom` + `ofMucService` (room JID = name@subdomain.xmpp.domain) with
/// `ofMucAffiliation` codes (10 owner, 20 admin, 30 member) and `ofMucMember`, accounts from `ofUser`,
/// the domain from the `xmpp.domain` property. Rows without a stored stanza get one made from the
/// body (and subject), so every row is read the same way.
public final class OpenfireArchive: XMPPArchiveSource {
    private let database: any SQLRowReader
    private let domain: String?
    private var roomJIDs: [Int64: String]?
    public var serverName: String { "openfire" }

    public init(database: any SQLRowReader) throws {
        self.database = database
        let archive = try TableColumns(database, table: "ofMessageArchive"), log = try TableColumns(database, table: "ofMucConversationLog")
        guard archive.has("fromjid", "tojid", "sentdate", "body") || log.has("roomid", "logtime", "body") else {
            throw XMPPSourceError("\(database.displayName): no Openfire ofMessageArchive or ofMucConversationLog table")
        }
        var domain: String?
        if try TableColumns(database, table: "ofProperty").has("name", "propvalue") {
            try database.forEachRow("SELECT propValue FROM ofProperty WHERE name = 'xmpp.domain'") { domain = $0[0].string }
        }
        self.domain = domain
    }

    public func localDomain() throws -> String? { domain }

    public func accounts() throws -> [String] {
        guard try database.columns(of: "ofUser").contains("username") else { return [] }
        var accounts: [String] = []
        try database.forEachRow("SELECT username FROM ofUser ORDER BY username") { row in
            guard let user = row[0].string, !user.isEmpty else { return }
            accounts.append(domain.map { "\(user)@\($0)" } ?? user)
        }
        return accounts
    }

    /// `ofUser.name` and `ofUser.email`.
    public func profiles() throws -> [String: XMPPProfile] {
        guard try TableColumns(database, table: "ofUser").has("username", "name", "email") else { return [:] }
        var profiles: [String: XMPPProfile] = [:]
        try database.forEachRow("SELECT username, name, email FROM ofUser") { row in
            guard let user = row[0].string, !user.isEmpty else { return }
            profiles[domain.map { "\(user)@\($0)" } ?? user] = XMPPProfile(name: row[1].string, email: row[2].string)
        }
        return profiles
    }

    /// Room id → room JID.
    private func rooms(byID: Void = ()) throws -> [Int64: String] {
        if let roomJIDs { return roomJIDs }
        var map: [Int64: String] = [:]
        if try TableColumns(database, table: "ofMucRoom").has("roomid", "serviceid", "name"),
           try TableColumns(database, table: "ofMucService").has("serviceid", "subdomain") {
            try database.forEachRow("SELECT r.roomID, r.name, s.subdomain FROM ofMucRoom r JOIN ofMucService s ON s.serviceID = r.serviceID") { row in
                guard let id = row[0].int64, let name = row[1].string, let service = row[2].string else { return }
                map[id] = domain.map { "\(name)@\(service).\($0)" } ?? "\(name)@\(service)"
            }
        }
        roomJIDs = map
        return map
    }

    public func rooms() throws -> [RoomInfo] {
        let jids = try rooms(byID: ())
        guard !jids.isEmpty else { return [] }
        var rooms: [Int64: RoomInfo] = [:]
        try database.forEachRow("SELECT roomID, naturalName, description, membersOnly, subject FROM ofMucRoom ORDER BY roomID") { row in
            guard let id = row[0].int64, let jid = jids[id] else { return }
            rooms[id] = RoomInfo(jid: jid, title: row[1].string, description: row[2].string.flatMap { $0.isEmpty ? nil : $0 },
                                 subject: row[4].string.flatMap { $0.isEmpty ? nil : $0 }, membersOnly: row[3].int64.map { $0 != 0 })
        }
        if try TableColumns(database, table: "ofMucAffiliation").has("roomid", "jid", "affiliation") {
            try database.forEachRow("SELECT roomID, jid, affiliation FROM ofMucAffiliation ORDER BY roomID, jid") { row in
                guard let id = row[0].int64, rooms[id] != nil, let jid = row[1].string else { return }
                switch row[2].int64 {
                case 10, 20: rooms[id]!.adminJIDs.append(jid)
                case 30: rooms[id]!.memberJIDs.append(jid)
                default: break
                }
            }
        }
        if try TableColumns(database, table: "ofMucMember").has("roomid", "jid") {
            try database.forEachRow("SELECT roomID, jid FROM ofMucMember ORDER BY roomID, jid") { row in
                guard let id = row[0].int64, rooms[id] != nil, let jid = row[1].string, !rooms[id]!.memberJIDs.contains(jid) else { return }
                rooms[id]!.memberJIDs.append(jid)
            }
        }
        return rooms.keys.sorted().map { rooms[$0]! }
    }

    public func registeredNicks() throws -> [String: [String: String]] { [:] }

    public func forEachAmendingRow(_ body: (ArchiveRow) throws -> Void) throws {
        try forEach(filter: database.amendingCondition(column: "stanza"), body)
    }

    public func forEachRow(_ body: (ArchiveRow) throws -> Void, unreadable: (String, String) throws -> Void) throws {
        try forEach(filter: nil, body)
    }

    private func forEach(filter: String?, _ body: (ArchiveRow) throws -> Void) throws {
        let archive = try TableColumns(database, table: "ofMessageArchive")
        if archive.has("fromjid", "tojid", "sentdate", "body") {
            let stanza = archive.orNull("stanza")
            let id = archive.orNull("messageID")
            let pm = archive.orNull("isPMforJID")
            let where_ = filter.map { archive.has("stanza") ? " WHERE " + $0 : " WHERE 1 = 0" } ?? ""
            // Group chats archived here too are read from ofMucConversationLog instead (counted).
            let hasRooms = try TableColumns(database, table: "ofConversation").has("conversationid", "room")
            let room = hasRooms ? "(SELECT c.room FROM ofConversation c WHERE c.conversationID = a.conversationID)" : "NULL"
            let sql = "SELECT \(id), conversationID, fromJID, toJID, sentDate, \(stanza), body, \(pm), \(room) FROM ofMessageArchive a"
                + where_ + " ORDER BY sentDate, \(id == "NULL" ? "conversationID" : id)"
            try database.forEachRow(sql) { row in
                let location = "ofMessageArchive messageID \(row[0].string ?? "?") (conversation \(row[1].string ?? "?"))"
                guard let from = row[2].text, let to = row[3].text, let sent = row[4].int64 else {
                    throw XMPPSourceError("\(database.displayName): \(location): fromJID, toJID or sentDate is missing")
                }
                // A MUC private message (isPMforJID) is a 1:1 between the occupant and its recipient.
                let peer = row[7].string.flatMap { $0.isEmpty ? nil : $0 } ?? to.value
                let stored = row[5].text, text = row[6].text
                let xml = stored.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
                    ?? Self.stanza(from: from.value, to: peer, type: "chat", body: text?.value, subject: nil)
                var archived = ArchiveRow(location: location, owner: from.value, isRoom: false, peer: peer,
                                          archiveID: row[0].string ?? location, time: sent, stanza: xml,
                                          repairedText: from.repaired || to.repaired || stored?.repaired == true || text?.repaired == true)
                if row[8].string.map({ !$0.isEmpty }) == true && row[7].string.map({ $0.isEmpty }) != false {
                    archived.skipReason = "room message in the Monitoring plugin's archive (rooms are read from ofMucConversationLog)"
                }
                try body(archived)
            }
        }
        let log = try TableColumns(database, table: "ofMucConversationLog")
        guard log.has("roomid", "logtime", "body") else { return }
        let rooms = try rooms(byID: ())
        let stanza = log.orNull("stanza")
        let where_ = filter.map { log.has("stanza") ? " WHERE " + $0 : " WHERE 1 = 0" } ?? ""
        let sql = "SELECT roomID, messageID, sender, nickname, logTime, subject, body, \(stanza) FROM ofMucConversationLog\(where_) ORDER BY logTime, roomID, messageID"
        try database.forEachRow(sql) { row in
            let location = "ofMucConversationLog roomID \(row[0].string ?? "?") messageID \(row[1].string ?? "?")"
            guard let roomID = row[0].int64, let logTime = row[4].int64 else {
                throw XMPPSourceError("\(database.displayName): \(location): roomID or logTime is missing or not a number")
            }
            let room = rooms[roomID] ?? "room\(roomID)@\(domain.map { "conference.\($0)" } ?? "conference")"
            let nick = row[3].string.flatMap { $0.isEmpty ? nil : $0 }
            let stored = row[7].text, text = row[6].text, subject = row[5].text
            let xml = stored.map(\.value).flatMap { $0.isEmpty ? nil : $0 }
                ?? Self.stanza(from: room + (nick.map { "/" + $0 } ?? ""), to: nil, type: "groupchat", body: text?.value, subject: subject?.value)
            try body(ArchiveRow(location: location, owner: room, isRoom: true, nick: nick,
                                archiveID: row[1].string.map { "\(roomID)-\($0)" } ?? location, time: logTime, stanza: xml,
                                repairedText: stored?.repaired == true || text?.repaired == true || subject?.repaired == true,
                                senderJID: row[2].string.flatMap { $0.isEmpty ? nil : $0 }))
        }
    }

    /// A stanza made from stored columns, for rows whose full stanza was not kept.
    static func stanza(from: String, to: String?, type: String, body: String?, subject: String?) -> String {
        var xml = "<message xmlns='jabber:client' from='\(StanzaSerializer.escape(from))'"
        if let to { xml += " to='\(StanzaSerializer.escape(to))'" }
        xml += " type='\(type)'>"
        if let subject, !subject.isEmpty { xml += "<subject>\(StanzaSerializer.escape(subject))</subject>" }
        if let body, !body.isEmpty { xml += "<body>\(StanzaSerializer.escape(body))</body>" }
        return xml + "</message>"
    }
}
