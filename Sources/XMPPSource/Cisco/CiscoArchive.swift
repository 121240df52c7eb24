import Foundation
import MigrationCore
import SourceToolkit

/// A Cisco Unified CM IM and Presence external database (any vendor: an SQLite copy, or one CSV
/// per table through `CSVTableRowReader`). Persistent chat: `TC_ROOMS` (type, subject, the config
/// form), `TC_USERS` (real JID, nick, role, affiliation), `TC_MSGARCHIVE` (room messages, the full
/// stanza in `MESSAGE_STRING`). Message Archiver: `JM` (1:1 IMs `MSG_TYPE 'c'` and ad-hoc group
/// messages `'g'`, each logged per direction and per recipient, so copies are removed and counted).
/// Managed file transfer: `AFT_LOG`, matched to the messages that announce files
/// (`CiscoFileTransfers`). Ad-hoc rooms become group messages (private channels when larger than
/// Mattermost allows); persistent rooms become channels, private when members-only or when the
/// config does not say.
public final class CiscoArchive: XMPPArchiveSource {
    /// Numeric columns of the Cisco tables (so CSV tables sort them as the database did).
    public static let integerColumns: Set<String> = ["msg_id", "aft_index", "bytes_transferred", "start_msg_id", "next_msg_id",
                                                     "body_len", "message_len"]

    let database: any SQLRowReader
    private let transfers: CiscoFileTransfers
    private let filesRoot: URL?
    private let lenient: Bool
    /// Bare room JID (lower case) → whether the room is ad-hoc.
    private var roomKinds: [String: Bool] = [:]
    /// Room JID → nick → real JID, from `TC_USERS.NICK_JID`.
    private var nicks: [String: [String: String]] = [:]
    public var serverName: String { "cisco" }

    /// - Parameters:
    ///   - filesRoot: where the file server's files are (`--files-root`); `nil`: files are listed, not attached.
    ///   - lenient: malformed CSV rows are reported skips instead of one error.
    public init(database: any SQLRowReader, filesRoot: URL? = nil, lenient: Bool = false) throws {
        self.database = database
        self.filesRoot = filesRoot
        self.lenient = lenient
        let messages = Set(try database.columns(of: "tc_msgarchive")), jm = Set(try database.columns(of: "jm"))
        let needed: Set = ["to_jid", "from_jid", "sent_date"]
        guard messages.isSuperset(of: needed) || jm.isSuperset(of: needed) else {
            throw XMPPSourceError("\(database.displayName): no Cisco IM&P tc_msgarchive or jm table (needs \(needed.sorted().joined(separator: ", ")))")
        }
        if !lenient, let csv = database as? CSVTableRowReader,
           let first = csv.malformedRows.keys.sorted().first.flatMap({ csv.malformedRows[$0]?.first }) {
            throw XMPPSourceError("\(first.location): \(first.reason)")
        }
        transfers = try CiscoFileTransfers(database: database, root: filesRoot)
        if Set(try database.columns(of: "tc_rooms")).contains("room_jid") {
            let type = try database.columns(of: "tc_rooms").contains("type") ? "type" : "NULL"
            try database.forEachRow("SELECT room_jid, \(type) FROM tc_rooms ORDER BY room_jid") { row in
                guard let room = row[0].string.flatMap(XMPPJID.init) else { return }
                roomKinds[room.description.lowercased()] = row[1].string?.lowercased() == "ad-hoc"
            }
        }
        let users = Set(try database.columns(of: "tc_users"))
        if users.isSuperset(of: ["room_jid", "real_jid", "nick_jid"]) {
            try database.forEachRow("SELECT room_jid, real_jid, nick_jid FROM tc_users ORDER BY room_jid, nick_jid") { row in
                guard let room = row[0].string.flatMap(XMPPJID.init), let real = row[1].string, let nick = row[2].string.flatMap(Self.resource) else { return }
                nicks[room.description, default: [:]][nick] = real
            }
        }
    }

    public var fileReader: (any SourceFileReader)? { filesRoot.map { FilesRoot(root: $0) } }

    public func accounts() throws -> [String] {
        guard try database.columns(of: "tc_users").contains("real_jid") else { return [] }
        var accounts = Set<String>()
        try database.forEachRow("SELECT real_jid FROM tc_users") { row in
            if let jid = row[0].string.flatMap(XMPPJID.init) { accounts.insert(jid.description) }
        }
        return accounts.sorted()
    }

    public func registeredNicks() throws -> [String: [String: String]] { nicks }

    public func rooms() throws -> [RoomInfo] {
        let columns = try TableColumns(database, table: "tc_rooms")
        guard columns.has("room_jid") else { return try adHocRoomsOnlyInJM(known: [:]) }
        let column = columns.orNull
        var rooms: [String: RoomInfo] = [:]
        try database.forEachRow("SELECT room_jid, \(column("subject")), \(column("config")), \(column("type")) FROM tc_rooms ORDER BY room_jid") { row in
            guard let jid = row[0].string.flatMap(XMPPJID.init) else { return }
            let config = CiscoRoomConfig(xml: row[2].string)
            rooms[jid.description] = RoomInfo(jid: jid.description, title: config.title, description: config.description,
                                              subject: row[1].string.flatMap { $0.isEmpty ? nil : $0 }, membersOnly: config.membersOnly,
                                              isAdHoc: row[3].string?.lowercased() == "ad-hoc")
        }
        let users = Set(try database.columns(of: "tc_users"))
        if users.isSuperset(of: ["room_jid", "real_jid"]) {
            let role = users.contains("role") ? "role" : "NULL", affiliation = users.contains("affiliation") ? "affiliation" : "NULL"
            try database.forEachRow("SELECT room_jid, real_jid, \(role), \(affiliation) FROM tc_users ORDER BY room_jid, real_jid") { row in
                guard let room = row[0].string.flatMap(XMPPJID.init)?.description, rooms[room] != nil,
                      let user = row[1].string.flatMap(XMPPJID.init)?.description else { return }
                let affiliation = row[3].string?.lowercased() ?? "none", role = row[2].string?.lowercased() ?? "none"
                guard affiliation != "outcast" else { return }
                if ["owner", "admin"].contains(affiliation) || role == "moderator" {
                    if !rooms[room]!.adminJIDs.contains(user) { rooms[room]!.adminJIDs.append(user) }
                } else if !rooms[room]!.memberJIDs.contains(user) {
                    rooms[room]!.memberJIDs.append(user)
                }
            }
        }
        var result = try adHocRoomsOnlyInJM(known: rooms)
        result.sort { $0.jid < $1.jid }
        return result
    }

    /// `known` plus the ad-hoc rooms `JM` names that `TC_ROOMS` lacks, each ad-hoc room's members
    /// completed with everyone who sent or received its messages.
    private func adHocRoomsOnlyInJM(known: [String: RoomInfo]) throws -> [RoomInfo] {
        var rooms = known
        let columns = try TableColumns(database, table: "jm")
        if columns.has("to_jid", "from_jid", "msg_type") {
            let direction = columns.orNull("direction")
            try database.forEachRow("SELECT DISTINCT from_jid, to_jid, \(direction) FROM jm WHERE msg_type = 'g'") { row in
                guard let from = row[0].string, let to = row[1].string, let room = roomOf(from: from, to: to, direction: row[2].string) else { return }
                if rooms[room.description] == nil { rooms[room.description] = RoomInfo(jid: room.description, isAdHoc: true) }
                guard rooms[room.description]!.isAdHoc else { return }
                let fromRoom = XMPPJID(from) == room
                let participants = [fromRoom ? Self.resource(from).flatMap { nicks[room.description]?[$0] } : from, fromRoom ? to : nil]
                for case let jid? in participants.map({ $0.flatMap(XMPPJID.init)?.description }) where !rooms[room.description]!.memberJIDs.contains(jid) {
                    rooms[room.description]!.memberJIDs.append(jid)
                }
            }
        }
        for key in rooms.keys where rooms[key]!.isAdHoc { rooms[key]!.memberJIDs.sort() }
        return Array(rooms.values)
    }

    /// The room of a `JM` group-chat row: the side `TC_ROOMS` lists, else the sender side of an
    /// inbound copy (`room@service/nick`) or the recipient of an outbound one.
    private func roomOf(from: String, to: String, direction: String?) -> XMPPJID? {
        let fromJID = XMPPJID(from), toJID = XMPPJID(to)
        if let toJID, roomKinds[toJID.description.lowercased()] != nil { return toJID }
        if let fromJID, roomKinds[fromJID.description.lowercased()] != nil { return fromJID }
        return direction?.uppercased() == "I" ? fromJID : toJID
    }

    static func resource(_ jid: String) -> String? {
        jid.firstIndex(of: "/").map { String(jid[jid.index(after: $0)...]) }.flatMap { $0.isEmpty ? nil : $0 }
    }

    public func forEachAmendingRow(_ body: (ArchiveRow) throws -> Void) throws {}

    public func forEachRow(_ body: (ArchiveRow) throws -> Void, unreadable: (String, String) throws -> Void) throws {
        try roomMessages(body)
        try archiverMessages(body)
    }

    public func skippedInput() throws -> [(kind: String, reason: String, item: String)] {
        var skipped = transfers.unmatched
        if let csv = database as? CSVTableRowReader {
            for table in csv.malformedRows.keys.sorted() where !["tc_msgarchive", "jm"].contains(table) {
                skipped += csv.malformedRows[table]!.map { (kind: "row", reason: "malformed \(table) row: \($0.reason)", item: $0.location) }
            }
        }
        return skipped
    }

    /// Malformed CSV rows of a message table, as skipped messages (they are input messages).
    private func malformed(_ table: String, _ body: (ArchiveRow) throws -> Void) throws {
        guard let csv = database as? CSVTableRowReader else { return }
        for row in csv.malformedRows[table] ?? [] {
            var archived = ArchiveRow(location: row.location, owner: "", isRoom: false, archiveID: row.location, time: 0, stanza: "")
            archived.skipReason = "malformed CSV row: \(row.reason)"
            try body(archived)
        }
    }

    // MARK: TC_MSGARCHIVE

    private func roomMessages(_ body: (ArchiveRow) throws -> Void) throws {
        let columns = try TableColumns(database, table: "tc_msgarchive")
        guard columns.has("to_jid", "from_jid", "sent_date") else { return }
        let column = columns.orNull
        let sql = "SELECT \(column("msg_id")), to_jid, from_jid, \(column("nick_jid")), sent_date, \(column("body_string")), "
            + "\(column("body_text")), \(column("message_string")) FROM tc_msgarchive ORDER BY sent_date, \(column("msg_id")), from_jid"
        var number = 0
        try database.forEachRow(sql) { row in
            number += 1
            let id = row[0].string ?? "row \(number)"
            let location = "tc_msgarchive msg_id \(id)"
            guard let to = row[1].text, let from = row[2].text, let room = XMPPJID(to.value) else {
                return try body(invalid(location, "to_jid or from_jid is missing"))
            }
            guard let time = row[4].string.flatMap(CiscoTime.milliseconds) else {
                return try body(invalid(location, "sent_date \"\(row[4].string ?? "")\" is not a date"))
            }
            // FROM_JID is the sender's real JID, or the occupant JID (room/nick) in older releases.
            let fromOccupant = XMPPJID(from.value) == room
            let nick = row[3].string.flatMap(Self.resource) ?? (fromOccupant ? Self.resource(from.value) : nil)
            let sender = fromOccupant ? nick.flatMap { nicks[room.description]?[$0] } : from.value
            let stanza = stanzaText(stored: row[7].text, body: row[5].text, long: row[6].text, from: room.description + (nick.map { "/" + $0 } ?? ""),
                                    to: nil, type: "groupchat")
            var archived = ArchiveRow(location: location, owner: room.description, isRoom: true, nick: nick, archiveID: id, time: time,
                                      stanza: stanza.xml, repairedText: stanza.repaired || to.repaired || from.repaired, mayRepeat: false,
                                      senderJID: sender)
            attachFiles(&archived, destination: room)
            try body(archived)
        }
        try malformed("tc_msgarchive", body)
    }

    // MARK: JM

    private func archiverMessages(_ body: (ArchiveRow) throws -> Void) throws {
        let columns = try TableColumns(database, table: "jm")
        guard columns.has("to_jid", "from_jid", "sent_date") else { return }
        let column = columns.orNull
        let sql = "SELECT to_jid, from_jid, sent_date, \(column("msg_type")), \(column("direction")), \(column("body_string")), "
            + "\(column("body_text")), \(column("message_string")), \(column("thread_id")) FROM jm "
            + "ORDER BY sent_date, from_jid, to_jid, \(column("direction")), \(column("body_string"))"
        let hasRoomArchive = try TableColumns(database, table: "tc_msgarchive").has("to_jid", "from_jid", "sent_date")
        var number = 0
        var copies = CiscoCopies()
        try database.forEachRow(sql) { row in
            number += 1
            let location = "jm row \(number)"
            guard let to = row[0].text, let from = row[1].text, let toJID = XMPPJID(to.value), let fromJID = XMPPJID(from.value) else {
                return try body(invalid(location, "to_jid or from_jid is missing"))
            }
            guard let time = row[2].string.flatMap(CiscoTime.milliseconds) else {
                return try body(invalid(location, "sent_date \"\(row[2].string ?? "")\" is not a date"))
            }
            let direction = row[4].string?.uppercased() ?? ""
            let isGroup = row[3].string?.lowercased() == "g"
            let room = isGroup ? roomOf(from: from.value, to: to.value, direction: direction) : nil
            let nick = room.flatMap { fromJID == $0 ? Self.resource(from.value) : nil }
            let stanza = stanzaText(stored: row[7].text, body: row[5].text, long: row[6].text,
                                    from: room.map { $0.description + (nick.map { "/" + $0 } ?? "") } ?? from.value,
                                    to: room == nil ? to.value : nil, type: room == nil ? "chat" : "groupchat")
            let repaired = stanza.repaired || to.repaired || from.repaired
            var archived: ArchiveRow
            if let room {
                let sender: String? = nick == nil ? from.value : nick.flatMap { nicks[room.description]?[$0] }
                archived = ArchiveRow(location: location, owner: room.description, isRoom: true, nick: nick, archiveID: "jm-\(number)",
                                      time: time, stanza: stanza.xml, repairedText: repaired, mayRepeat: false, senderJID: sender)
            } else {
                archived = ArchiveRow(location: location, owner: from.value, isRoom: false, peer: to.value, archiveID: "jm-\(number)",
                                      time: time, stanza: stanza.xml, repairedText: repaired, mayRepeat: false)
            }
            // Copies: same conversation, sender side, text and thread; one slot per direction and recipient.
            let conversation = room?.description ?? [fromJID.description, toJID.description].joined(separator: ">")
            // A room's outbound copy names the sender, its inbound copies the nick: the sender is left out.
            let key = [conversation, stanza.content, row[8].string ?? ""].joined(separator: "\u{1F}")
            if let room, roomKinds[room.description.lowercased()] == false, hasRoomArchive {
                archived.skipReason = "persistent-room message logged by the Message Archiver too (read from tc_msgarchive)"
            } else if copies.isCopy(key: key, slot: direction + "\u{1F}" + to.value, time: time) {
                archived.isStoredCopy = true
                archived.skipReason = room == nil
                    ? "further stored copy of a 1:1 message (jm logs each IM per direction and per recipient)"
                    : "further stored copy of an ad-hoc group message (jm logs it once per recipient)"
            } else {
                attachFiles(&archived, destination: room ?? toJID)
            }
            try body(archived)
        }
        try malformed("jm", body)
    }

    // MARK: rows

    /// A row that cannot be read: one error line, or under `--lenient` a reported skip.
    private func invalid(_ location: String, _ reason: String) throws -> ArchiveRow {
        guard lenient else { throw XMPPSourceError("\(database.displayName): \(location): \(reason)") }
        var row = ArchiveRow(location: location, owner: "", isRoom: false, archiveID: location, time: 0, stanza: "")
        row.skipReason = "unreadable row: \(reason)"
        return row
    }

    /// The stored stanza when there is one, else one made from the body columns (`BODY_STRING`, or
    /// `BODY_TEXT` for long bodies; an HTML body becomes Markdown). `content` identifies the text for
    /// finding copies.
    private func stanzaText(stored: (value: String, repaired: Bool)?, body: (value: String, repaired: Bool)?,
                            long: (value: String, repaired: Bool)?, from: String, to: String?, type: String)
        -> (xml: String, content: String, repaired: Bool) {
        let repaired = stored?.repaired == true || body?.repaired == true || long?.repaired == true
        let text = body.flatMap { $0.value.isEmpty ? nil : $0.value } ?? long?.value ?? ""
        if let stored, !stored.value.trimmingWhitespace.isEmpty { return (stored.value, text.isEmpty ? stored.value : text, repaired) }
        let plain = Self.looksLikeHTML(text) ? HTMLToMarkdown.convert(text).text : text
        return (OpenfireArchive.stanza(from: from, to: to, type: type, body: plain, subject: nil), text, repaired)
    }

    static func looksLikeHTML(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace
        return trimmed.hasPrefix("<") && trimmed.hasSuffix(">") && (trimmed.contains("</") || trimmed.contains("/>"))
    }

    /// Matches the file a message announces (`<advanced-file-transfer>`) to its upload.
    private func attachFiles(_ row: inout ArchiveRow, destination: XMPPJID) {
        guard row.stanza.contains("advanced-file-transfer"), let stanza = try? StanzaParser.parse(row.stanza),
              let name = stanza.fileTransferName, !name.isEmpty else { return }
        let match = transfers.match(name, to: destination, at: stanza.delayStamp ?? row.time)
        if let file = match.file { row.files.append(file) }
        if let missing = match.missing { row.missingFiles.append(missing) }
    }
}
