import MattermostImport

/// Per-user decisions made before anything is written: a valid, unique email for everyone, and the
/// owner of every bot. Problems that need the admin (missing emails without a default domain, bots
/// without an owner) are collected so one run names all of them.
struct UserPlan {
    /// Email per staged user index (empty for bots).
    var emails: [String]
    /// Owner username per staged user index (bots only).
    var botOwners: [Int: String] = [:]

    static let placeholderDomain = "placeholder.invalid"

    init(staging: MigrationStaging, options: ExportOptions) throws {
        emails = Array(repeating: "", count: staging.users.count)
        var taken = Set<String>()
        var missing: [String] = []
        for (index, user) in staging.users.enumerated() where !user.source.isBot {
            var email = user.source.email?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            if !email.isEmpty && !NameRules.isValidEmail(email) {
                staging.report.recordChanged("email", reason: "not a valid address; replaced", item: "\(user.username): \(email)")
                email = ""
            }
            if email.isEmpty {
                if let domain = options.defaultEmailDomain {
                    email = "\(user.username)@\(domain.lowercased())"
                    if !user.isPlaceholder {
                        staging.report.recordChanged("email", reason: "missing; made from --default-email-domain", item: user.username)
                    }
                } else if user.isPlaceholder {
                    email = "\(user.username)@\(Self.placeholderDomain)"
                } else {
                    missing.append(user.username)
                    continue
                }
            }
            if !taken.insert(email).inserted {
                let at = email.lastIndex(of: "@")!
                let plus = "\(email[..<at])+\(user.username)\(email[at...])"
                staging.report.recordChanged("email", reason: "already used by another user (emails are unique, case-insensitively); plus-address added",
                                             item: "\(user.username): \(plus)")
                email = plus
                taken.insert(email)
            }
            emails[index] = email
        }
        if !missing.isEmpty { throw ExportError.missingEmails(users: missing) }

        var ownerless: [String] = []
        for (index, user) in staging.users.enumerated() where user.source.isBot {
            if let ownerID = user.source.botOwnerID, let owner = staging.userIndex[ownerID], !staging.users[owner].source.isBot {
                botOwners[index] = staging.users[owner].username
            } else if let owner = options.botOwner {
                try Self.checkBotOwner(owner, staging: staging)
                botOwners[index] = owner
            } else {
                ownerless.append(user.username)
            }
        }
        if !ownerless.isEmpty { throw ExportError.botsWithoutOwner(bots: ownerless) }
    }

    /// `--bot-owner` may name an imported person or an account already on the server (usually its admin,
    /// which no export holds): Mattermost only needs the username to exist when the package is imported.
    private static func checkBotOwner(_ owner: String, staging: MigrationStaging) throws {
        if let user = staging.users.first(where: { $0.username == owner }) {
            if user.source.isBot { throw ExportError.unknownBotOwner(owner) }
            return
        }
        guard NameRules.isValidUsername(owner) else { throw ExportError.unknownBotOwner(owner) }
        let note = "bot owner '\(owner)' is not among the imported users: it must already exist on the server "
            + "(check the package with validate --users-exist \(owner))"
        if !staging.report.notes.contains(note) { staging.report.notes.append(note) }
    }

    static func systemRoles(_ role: SourceUser.Role) -> String {
        switch role {
        case .guest: "system_guest"
        case .admin: "system_user system_admin"
        case .member: "system_user"
        }
    }

    static func teamRoles(_ role: SourceUser.Role) -> String {
        switch role {
        case .guest: "team_guest"
        case .admin: "team_user team_admin"
        case .member: "team_user"
        }
    }

    static func channelRoles(_ role: SourceUser.Role, isChannelAdmin: Bool) -> String {
        if role == .guest { return "channel_guest" }
        return isChannelAdmin ? "channel_user channel_admin" : "channel_user"
    }
}
