import Foundation

/// What the validator should assume about the target server.
public struct ValidationOptions: Sendable {
    /// Report the dedupe hazards of spec §14 (and every other warning) as errors.
    public var strict: Bool
    /// The server's `MaxPostSize` in runes (16 383 on current databases, 4 000 on very old ones).
    public var maxPostRunes: Int
    /// Teams that already exist on the server, so lines may reference them without defining them
    /// (compared case-insensitively).
    public var teamsExist: Set<String>
    /// Usernames that already exist on the server (bot owners such as the admin account, users of an
    /// earlier run), so lines may reference them without defining them (compared case-insensitively).
    public var usersExist: Set<String>

    public init(strict: Bool = false, maxPostRunes: Int = MattermostLimits.postMessageMaxRunes, teamsExist: Set<String> = [],
                usersExist: Set<String> = []) {
        self.strict = strict
        self.maxPostRunes = maxPostRunes
        self.teamsExist = teamsExist
        self.usersExist = usersExist
    }
}

/// One problem: Mattermost's error id (or a `mattermove.` id where Mattermost has none), the 1-based
/// JSONL line (0 for the container), and what is wrong in plain English.
public struct ValidationFinding: Sendable, Codable, Equatable, CustomStringConvertible {
    public let line: Int
    public let id: String
    public let message: String

    public init(line: Int, id: String, message: String) {
        self.line = line
        self.id = id
        self.message = message
    }

    public var description: String { "line \(line): \(id): \(message)" }
}

/// How many objects of each kind the package holds. `replies` counts replies of channel posts and of
/// direct posts alike.
public struct ValidationCounts: Sendable, Codable, Equatable {
    public var teams = 0
    public var channels = 0
    public var users = 0
    public var bots = 0
    public var emoji = 0
    public var posts = 0
    public var replies = 0
    public var reactions = 0
    public var attachments = 0
    public var directChannels = 0
    public var directPosts = 0

    public init() {}

    enum CodingKeys: String, CodingKey {
        case teams, channels, users, bots, emoji, posts, replies, reactions, attachments
        case directChannels = "direct_channels"
        case directPosts = "direct_posts"
    }
}

/// The outcome of validating one package.
public struct ValidationReport: Sendable {
    public var errors: [ValidationFinding]
    public var warnings: [ValidationFinding]
    public var counts: ValidationCounts
    public var isValid: Bool { errors.isEmpty }

    public init(errors: [ValidationFinding] = [], warnings: [ValidationFinding] = [], counts: ValidationCounts = .init()) {
        self.errors = errors
        self.warnings = warnings
        self.counts = counts
    }
}

/// The package could not be read at all (as opposed to being read and found invalid).
public enum ValidationInputError: Error, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notAPackage(path: String)
    case corruptZip(path: String, reason: String)
    case missingJSONL(path: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason); check that the file exists and is readable"
        case .notAPackage(let path):
            "\(path) is neither a zip nor a .jsonl file; pass the bulk-import .zip (or its .jsonl)"
        case .corruptZip(let path, let reason):
            "\(path) is not a readable zip (\(reason)); re-create or re-download the package"
        case .missingJSONL(let path):
            "\(path) has no .jsonl file at the archive root; put import.jsonl at the root of the zip"
        }
    }
}

