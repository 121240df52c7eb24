import MigrationCore
import SourceToolkit

/// Turns the JIDs an archive names into staged users, one per bare JID: resources and case variants
/// fold together, a JID without a domain gets `--domain`, and `--user-map` overrides the username
/// and email (otherwise the email is the bare JID). Nobody is dropped.
final class XMPPUserDirectory {
    private(set) var defaultDomain: String?
    private let userMapFile: UserMapFile
    private var userMap: [XMPPJID: UserMapFile.Entry] = [:]
    /// Bare JIDs already staged, with their user id.
    private var staged: Set<XMPPJID> = []
    /// JIDs stored without a domain, in the order met (for `inspect` and the report).
    private(set) var withoutDomain: [String] = []
    private var withoutDomainSeen: Set<String> = []

    init(defaultDomain: String?, userMap: UserMapFile) {
        userMapFile = userMap
        setDefaultDomain(defaultDomain)
    }

    private var profiles: [XMPPJID: XMPPProfile] = [:]

    /// Names and emails the server keeps (keys are JIDs as the server writes them).
    func setProfiles(_ byJID: [String: XMPPProfile]) {
        for (text, profile) in byJID { if let jid = jid(text) { profiles[jid] = profile } }
    }

    /// Sets the domain for JIDs without one (before any user is staged); the user map's keys follow.
    func setDefaultDomain(_ domain: String?) {
        defaultDomain = domain.flatMap { $0.isEmpty ? nil : $0.lowercased() }
        userMap = [:]
        for (key, entry) in userMapFile.entries {
            guard let jid = XMPPJID(key) else { continue }
            userMap[jid.withDomain(defaultDomain)] = entry
        }
    }

    /// The user a room nick stands for when the room never gave the occupant's real JID.
    func jid(forNick nick: String) -> XMPPJID {
        let jid = XMPPJID(localpart: nick.lowercased(), domain: nil)
        if defaultDomain == nil && withoutDomainSeen.insert(jid.localpart).inserted { withoutDomain.append(jid.localpart) }
        return jid.withDomain(defaultDomain)
    }

    /// The bare JID `text` names, with `--domain` added when it has none.
    func jid(_ text: String) -> XMPPJID? {
        XMPPJID(text).map(completed)
    }

    /// `jid` (already parsed) with `--domain` added when it has none.
    func completed(_ jid: XMPPJID) -> XMPPJID {
        if jid.domain == nil && withoutDomainSeen.insert(jid.localpart).inserted { withoutDomain.append(jid.localpart) }
        return jid.withDomain(defaultDomain)
    }

    /// Reports the JIDs met without a domain: completed with `--domain`, or left for
    /// `--default-email-domain` to give an address.
    func recordDomainless(in staging: MigrationStaging) {
        for localpart in withoutDomain {
            staging.recordChanged(kind: "user", reason: defaultDomain == nil
                ? "JID without a domain (pass --domain); email from --default-email-domain"
                : "JID without a domain; completed with --domain", item: localpart)
        }
    }

    /// The user id of `jid`, staging the user the first time it is met.
    func userID(_ jid: XMPPJID, in staging: MigrationStaging) throws -> String {
        try userID(jid, description: jid.description, in: staging)
    }

    /// `userID` for a JID whose `description` the caller has made already.
    func userID(_ jid: XMPPJID, description id: String, in staging: MigrationStaging) throws -> String {
        if staged.insert(jid).inserted && !staging.hasUser(id) {
            let entry = userMap[jid]
            let username = entry?.username ?? (jid.localpart.isEmpty ? (jid.domain ?? id) : jid.localpart)
            let profile = profiles[jid]
            // The user map wins, then the server's own record, then the bare JID.
            let email = entry?.email ?? profile?.email.flatMap { $0.isEmpty ? nil : $0 } ?? Self.email(of: jid)
            let name = profile?.name?.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init) ?? []
            try staging.add(SourceUser(id: id, username: username, email: email, firstName: name.first, lastName: name.count > 1 ? name[1] : nil))
        }
        return id
    }

    /// The bare JID as an address (spaces of decoded XEP-0106 escapes become dots, as mail allows none).
    static func email(of jid: XMPPJID) -> String? {
        guard let domain = jid.domain, !jid.localpart.isEmpty else { return nil }
        return jid.localpart.replacingOccurrences(of: " ", with: ".") + "@" + domain
    }
}
