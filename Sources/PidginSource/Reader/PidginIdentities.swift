import Foundation
import MigrationCore

/// Who a log name is: the source user ids of accounts, buddies and room nicknames, through
/// `--owner-map` and `--user-map`. A mapped name's id is its Mattermost username (`user:alice`), so
/// every account, alias and nick of one person becomes one user; an unmapped account or buddy is its
/// normalised name (`acct:bob@example.com`: case and XMPP resource dropped); an unmapped room nick is
/// `nick:<nick>` (a deactivated placeholder: nicks prove no identity).
struct PidginIdentities {
    let ownerMap: [String: PidginMappedUser]
    let userMap: [String: PidginMappedUser]

    /// Lower case, XMPP resource (`/Home`) and surrounding spaces dropped.
    static func normalized(_ name: String) -> String {
        let bare = name.firstIndex(of: "/").map { name[..<$0] } ?? Substring(name)
        return bare.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// The id of a logging account (folder name).
    func account(_ name: String) -> String {
        mapped(name, first: ownerMap, then: userMap) ?? "acct:" + Self.normalized(name)
    }

    /// The id of an IM buddy (folder name).
    func buddy(_ name: String) -> String {
        mapped(name, first: userMap, then: ownerMap) ?? "acct:" + Self.normalized(name)
    }

    /// The id a display name (alias, nick, screen name with resource) maps to, if a map names it.
    func mappedName(_ name: String) -> String? {
        mapped(name, first: userMap, then: ownerMap)
    }

    /// The id of a room nickname.
    func nick(_ nick: String) -> String {
        mappedName(nick) ?? "nick:" + nick.lowercased()
    }

    /// The user to stage for an id made here (`seenAs`: the name it was met under).
    func sourceUser(id: String) -> SourceUser {
        if id.hasPrefix("user:") {
            let username = String(id.dropFirst(5))
            let email = (ownerMap.values.first { $0.username.lowercased() == username && $0.email != nil }
                ?? userMap.values.first { $0.username.lowercased() == username && $0.email != nil })?.email
            return SourceUser(id: id, username: username, email: email)
        }
        let name = String(id.drop { $0 != ":" }.dropFirst())
        let local = name.firstIndex(of: "@").map { String(name[..<$0]) } ?? name
        return SourceUser(id: id, username: local.isEmpty ? name : local, email: Self.looksLikeEmail(name) ? name : nil)
    }

    /// Every mapped user, by id (staged up front so nicks mapped later resolve to real users).
    var mappedUserIDs: [String] {
        Set((Array(ownerMap.values) + Array(userMap.values)).map { "user:" + $0.username.lowercased() }).sorted()
    }

    private func mapped(_ name: String, first: [String: PidginMappedUser], then second: [String: PidginMappedUser]) -> String? {
        let exact = name.lowercased(), bare = Self.normalized(name)
        let user = first[exact] ?? first[bare] ?? second[exact] ?? second[bare]
        return user.map { "user:" + $0.username.lowercased() }
    }

    /// A bare JID is usually the person's address (`local@domain.tld`, no spaces).
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.contains(" ") && text.allSatisfy { $0.isASCII }
    }
}
