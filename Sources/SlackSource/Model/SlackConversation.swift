/// One entry of `channels.json`, `groups.json`, `mpims.json` or `dms.json`.
public struct SlackConversation: Decodable, Sendable {
    public struct TextValue: Decodable, Sendable {
        public var value: String?

        public init(from decoder: Decoder) throws {
            // `topic`/`purpose` are objects; a few tools write a bare string.
            if let c = try? decoder.container(keyedBy: CodingKeys.self) {
                value = c.lenient(String.self, .value)
            } else {
                value = try? decoder.singleValueContainer().decode(String.self)
            }
        }

        enum CodingKeys: String, CodingKey { case value }
    }

    public var id: String
    public var name: String?
    /// Seconds since the epoch (string or number in exports).
    public var created: Int64?
    public var creator: String?
    public var isArchived: Bool
    public var isGeneral: Bool
    /// `nil` when the export has `members: null` or no members list.
    public var members: [String]?
    public var topic: String?
    public var purpose: String?
    /// Milliseconds since the epoch of the last change (newer exports); used as the archive time.
    public var updated: Int64?

    enum CodingKeys: String, CodingKey {
        case id, name, created, creator, isArchived = "is_archived", isGeneral = "is_general", members, topic, purpose
        case updated
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = c.lenient(String.self, .name)
        created = c.lenient(LenientInt64.self, .created)?.value
        creator = c.lenient(String.self, .creator)
        isArchived = c.lenient(Bool.self, .isArchived) ?? false
        isGeneral = c.lenient(Bool.self, .isGeneral) ?? false
        members = c.lenient([String].self, .members)
        topic = c.lenient(TextValue.self, .topic)?.value
        purpose = c.lenient(TextValue.self, .purpose)?.value
        updated = c.lenient(LenientInt64.self, .updated)?.value
    }
}
