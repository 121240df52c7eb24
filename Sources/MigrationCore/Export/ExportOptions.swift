import MattermostImport

/// Choices of the run that the core applies to every source.
public struct ExportOptions: Sendable {
    /// Domain for users without a (valid) email: `<username>@<domain>`. Without it, such users stop
    /// the run with an error naming every one of them.
    public var defaultEmailDomain: String?
    /// Username of the owner of bots whose source names no owner: an imported person (by final name) or
    /// an account already on the server (then the report carries a note saying it must exist).
    public var botOwner: String?
    /// Deflate level of the zip (1 is fastest; the JSONL compresses well anyway).
    public var compressionLevel: Int
    /// Written into the version line's `info.version`.
    public var generatorVersion: String

    public init(defaultEmailDomain: String? = nil, botOwner: String? = nil, compressionLevel: Int = 1,
                generatorVersion: String = "dev") {
        self.defaultEmailDomain = defaultEmailDomain
        self.botOwner = botOwner
        self.compressionLevel = compressionLevel
        self.generatorVersion = generatorVersion
    }
}

/// Problems that stop an export before anything is written, each naming what to do.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    case missingEmails(users: [String])
    case botsWithoutOwner(bots: [String])
    case unknownBotOwner(String)
    case noTeamForGroup(conversation: String)
    case fileUnreadable(path: String, reason: String)
    /// An internal inconsistency in the staged threads; never expected, but not to be lost silently.
    case replyWithoutRoot(conversation: Int)

    public var description: String {
        switch self {
        case .missingEmails(let users):
            "\(users.count) user(s) have no valid email: \(Self.list(users)); pass --default-email-domain DOMAIN to give them <username>@DOMAIN"
        case .botsWithoutOwner(let bots):
            "\(bots.count) bot(s) have no owner: \(Self.list(bots)); pass --bot-owner USERNAME (an imported person or an account already on the server) to own them"
        case .unknownBotOwner(let owner):
            "bot owner '\(owner)' is not a valid Mattermost username of a person (not a bot); pass an existing account, e.g. the server's admin, to --bot-owner"
        case .noTeamForGroup(let id):
            "group conversation \(id) has more than 8 members and must become a private channel, but the export has no team; give the run a team"
        case .fileUnreadable(let path, let reason):
            "cannot read file for data/\(path): \(reason); check the export is complete or pass --skip-attachments"
        case .replyWithoutRoot(let conversation):
            "internal error: a staged reply in conversation #\(conversation) has no root to follow; please report this with the source's format"
        }
    }

    private static func list(_ names: [String]) -> String {
        names.count <= 50 ? names.joined(separator: ", ") : names.prefix(50).joined(separator: ", ") + ", … (\(names.count - 50) more)"
    }
}
