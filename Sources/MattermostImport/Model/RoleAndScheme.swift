/// `role` line and the role objects nested in a scheme (spec §4).
public struct RoleImport: Sendable, Equatable, JSONWritable {
    public var name: String?
    public var displayName: String?
    public var description: String?
    public var permissions: [String]?
    public var schemeManaged: Bool?

    public init(name: String? = nil, displayName: String? = nil, description: String? = nil,
                permissions: [String]? = nil, schemeManaged: Bool? = nil) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.permissions = permissions
        self.schemeManaged = schemeManaged
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("display_name", displayName)
        w.field("description", description)
        w.field("permissions", permissions)
        w.field("scheme_managed", schemeManaged)
        w.endObject()
    }
}

/// `scheme` line (spec §5).
public struct SchemeImport: Sendable, Equatable, JSONWritable {
    public var name: String?
    public var displayName: String?
    public var description: String?
    public var scope: String?
    public var defaultTeamAdminRole: RoleImport?
    public var defaultTeamUserRole: RoleImport?
    public var defaultTeamGuestRole: RoleImport?
    public var defaultChannelAdminRole: RoleImport?
    public var defaultChannelUserRole: RoleImport?
    public var defaultChannelGuestRole: RoleImport?

    public init(name: String? = nil, displayName: String? = nil, description: String? = nil, scope: String? = nil) {
        self.name = name
        self.displayName = displayName
        self.description = description
        self.scope = scope
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("name", name)
        w.field("display_name", displayName)
        w.field("description", description)
        w.field("scope", scope)
        w.field("default_team_admin_role", defaultTeamAdminRole)
        w.field("default_team_user_role", defaultTeamUserRole)
        w.field("default_team_guest_role", defaultTeamGuestRole)
        w.field("default_channel_admin_role", defaultChannelAdminRole)
        w.field("default_channel_user_role", defaultChannelUserRole)
        w.field("default_channel_guest_role", defaultChannelGuestRole)
        w.endObject()
    }
}
