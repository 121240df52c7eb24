/// A room's settings out of `muc_room.opts`, the Erlang property list ejabberd stores.
enum EjabberdRoomOptions {
    static func room(jid: String, opts: String) -> RoomInfo {
        guard let term = ErlangTerm.parse(opts) else { return RoomInfo(jid: jid) }
        var members: [String] = [], admins: [String] = []
        if case .list(let affiliations)? = term["affiliations"] {
            for case .tuple(let pair) in affiliations where pair.count == 2 {
                guard case .tuple(let user) = pair[0], user.count >= 2, let local = user[0].string, let host = user[1].string else { continue }
                // `{owner, Reason}` in current versions, a bare `owner` in old ones.
                let affiliation: String?
                if case .tuple(let detail) = pair[1] { affiliation = detail.first?.string } else { affiliation = pair[1].string }
                let jid = local.isEmpty ? host : "\(local)@\(host)"
                switch affiliation {
                case "owner", "admin": admins.append(jid)
                case "member": members.append(jid)
                default: break
                }
            }
        }
        return RoomInfo(jid: jid, title: term["title"]?.string, description: term["description"]?.string.flatMap { $0.isEmpty ? nil : $0 },
                        subject: term["subject"]?.string.flatMap { $0.isEmpty ? nil : $0 }, membersOnly: term["members_only"]?.bool,
                        memberJIDs: members, adminJIDs: admins)
    }
}
