/// `team` line (spec §6). `type` is `"O"` (open) or `"I"` (invite only).
public struct TeamImport: Sendable, Equatable, JSONWritable {
    public var name: String?
    public var displayName: String?
    public var type: String?
    public var description: String?
    public var allowOpenInvite: Bool?
    public var scheme: String?

    public init(name: String? = nil, displayName: String? = nil, type: String? = nil, description: String? = nil,
                allowOpenInvite: Bool? = nil, scheme: String? = nil) {
        self.name = name
        self.displayName = displayName
        self.type = type
        self.description = description
        self.allowOpenInvite = allowOpenInvite
        self.scheme = scheme
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("display_name", displayName)
        w.field("type", type)
        w.field("description", description)
        w.field("allow_open_invite", allowOpenInvite)
        w.field("scheme", scheme)
        w.endObject()
    }
}

/// `channel` line (spec §7). `type` is `"O"` (public) or `"P"` (private); note `deleted_at` here versus
/// `delete_at` on users and bots.
public struct ChannelImport: Sendable, Equatable, JSONWritable {
    public var team: String?
    public var name: String?
    public var displayName: String?
    public var type: String?
    public var header: String?
    public var purpose: String?
    public var scheme: String?
    public var deletedAt: Int64?

    public init(team: String? = nil, name: String? = nil, displayName: String? = nil, type: String? = nil,
                header: String? = nil, purpose: String? = nil, scheme: String? = nil, deletedAt: Int64? = nil) {
        self.team = team
        self.name = name
        self.displayName = displayName
        self.type = type
        self.header = header
        self.purpose = purpose
        self.scheme = scheme
        self.deletedAt = deletedAt
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("team", team)
        w.field("name", name)
        w.field("display_name", displayName)
        w.field("type", type)
        w.field("header", header)
        w.field("purpose", purpose)
        w.field("scheme", scheme)
        w.field("deleted_at", deletedAt)
        w.endObject()
    }
}
