import MigrationCore

/// The channels (rooms) and direct conversations of an archive, staged the first time each is met:
/// archives have no conversation list, and listing them up front would mean a pass over every row.
final class ConversationRegistry {
    static let teamID = "team"
    private let users: XMPPUserDirectory
    private var known: Set<String> = []
    /// Rooms by kind, for `inspect`: configured (from the server's list) or found only in the archive.
    private(set) var configuredRooms = 0
    private(set) var unlistedRooms = 0
    private(set) var directConversations = 0

    init(users: XMPPUserDirectory) {
        self.users = users
    }

    static func roomID(_ jid: XMPPJID) -> String { "room:" + jid.description }

    /// Stages a room the server's configuration lists.
    func add(_ room: RoomInfo, in staging: MigrationStaging) throws {
        guard let jid = XMPPJID(room.jid), known.insert(Self.roomID(jid)).inserted else { return }
        configuredRooms += 1
        let members = try room.memberJIDs.compactMap(users.jid).map { try users.userID($0, in: staging) }
        let admins = try room.adminJIDs.compactMap(users.jid).map { try users.userID($0, in: staging) }
        if room.isAdHoc {
            let everyone = Array(Set(members + admins)).sorted()
            try staging.add(SourceDirectConversation(id: Self.roomID(jid), memberIDs: everyone, header: room.subject,
                                                     name: room.title.flatMap { $0.isEmpty ? nil : $0 } ?? jid.localpart))
            return
        }
        try staging.add(SourceChannel(id: Self.roomID(jid), teamID: Self.teamID, name: jid.localpart,
                                      displayName: room.title.flatMap { $0.isEmpty ? nil : $0 } ?? jid.localpart,
                                      isPrivate: room.membersOnly ?? true, header: room.subject, purpose: room.description,
                                      memberIDs: members + admins.filter { !members.contains($0) }, adminIDs: admins))
    }

    /// The channel id of `room`, staging it (private: nothing says otherwise) if the server's list lacks it.
    func room(_ jid: XMPPJID, in staging: MigrationStaging) throws -> String {
        let id = Self.roomID(jid)
        if known.insert(id).inserted && !staging.hasConversation(id) {
            unlistedRooms += 1
            staging.recordChanged(kind: "channel", reason: "room not in the server's room list; private channel (no configuration says otherwise)",
                                  item: jid.description)
            try staging.add(SourceChannel(id: id, teamID: Self.teamID, name: jid.localpart, displayName: jid.localpart, isPrivate: true))
        }
        return id
    }

    /// The id of the direct conversation between `a` and `b` (one member when they are the same).
    func direct(_ a: XMPPJID, _ b: XMPPJID, in staging: MigrationStaging) throws -> String {
        // Once per personal row: the pair's id is made once, then looked up.
        if let id = directIDs[DirectPair(a: a, b: b)] { return id }
        // The members' bare JIDs, sorted and unique.
        let first = a.description, second = b.description
        let id = first == second ? "dm:" + first : first < second ? "dm:" + first + " " + second : "dm:" + second + " " + first
        if known.insert(id).inserted && !staging.hasConversation(id) {
            directConversations += 1
            let ids = try [a, b].map { try users.userID($0, in: staging) }
            try staging.add(SourceDirectConversation(id: id, memberIDs: Array(Set(ids)).sorted()))
        }
        directIDs[DirectPair(a: a, b: b)] = id
        return id
    }

    /// The ids of the direct conversations met, by their members in the order a row named them.
    private var directIDs: [DirectPair: String] = [:]

    private struct DirectPair: Hashable {
        var a: XMPPJID, b: XMPPJID
    }
}
