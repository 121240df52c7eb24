import MattermostImport
import SourceToolkit

/// One entry of `channels.json`, `groups.json`, `mpims.json` or `dms.json`.
public struct SlackConversation: Sendable {
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

    /// Picks the fields out of a parsed list entry; `nil` when it is not an object with a string `id`.
    public init?(json: JSONValue) {
        guard case .object(let c) = json, let id = c["id"]?.stringValue else { return nil }
        self.id = id
        name = c["name"]?.stringValue
        created = c["created"]?.lenientInt64
        creator = c["creator"]?.stringValue
        isArchived = c["is_archived"]?.boolValue ?? false
        isGeneral = c["is_general"]?.boolValue ?? false
        members = c["members"]?.stringArray
        topic = c["topic"].flatMap(Self.text)
        purpose = c["purpose"].flatMap(Self.text)
        updated = c["updated"]?.lenientInt64
    }

    /// `topic`/`purpose` are objects with a `value`; a few tools write a bare string.
    static func text(_ json: JSONValue) -> String? {
        if case .object(let object) = json { return object["value"]?.stringValue }
        return json.stringValue
    }
}
