/// Mattermost's canonical MySQL table names (spec §1.2, §2.2), used to undo Bitnami's lower-casing.
public enum MattermostTableNames {
    /// The 71 core tables at the last MySQL schema, config-store tables, Playbooks tables, and the
    /// `AttributeView` view.
    public static let canonical: [String] = [
        "AccessControlPolicies", "AccessControlPolicyHistory", "Audits", "Bots", "ChannelBookmarks",
        "ChannelMemberHistory", "ChannelMembers", "Channels", "ClusterDiscovery", "Commands", "CommandWebhooks",
        "Compliances", "DesktopTokens", "Drafts", "Emoji", "FileInfo", "GroupChannels", "GroupMembers", "GroupTeams",
        "IncomingWebhooks", "Jobs", "Licenses", "LinkMetadata", "NotifyAdmin", "OAuthAccessData", "OAuthApps",
        "OAuthAuthData", "OutgoingOAuthConnections", "OutgoingWebhooks", "PersistentNotifications",
        "PluginKeyValueStore", "PostAcknowledgements", "PostReminders", "Posts", "PostsPriority", "Preferences",
        "ProductNoticeViewState", "PropertyFields", "PropertyGroups", "PropertyValues", "PublicChannels", "Reactions",
        "RecentSearches", "RemoteClusters", "RetentionIdsForDeletion", "RetentionPolicies", "RetentionPoliciesChannels",
        "RetentionPoliciesTeams", "Roles", "ScheduledPosts", "Schemes", "Sessions", "SharedChannelAttachments",
        "SharedChannelRemotes", "SharedChannels", "SharedChannelUsers", "SidebarCategories", "SidebarChannels",
        "Status", "Systems", "TeamMembers", "Teams", "TermsOfService", "ThreadMemberships", "Threads", "Tokens",
        "UploadSessions", "UserAccessTokens", "UserGroups", "Users", "UserTermsOfService",
        "Configurations", "ConfigurationFiles",
        "IR_Category", "IR_Category_Item", "IR_ChannelAction", "IR_Condition", "IR_Incident", "IR_Metric",
        "IR_MetricConfig", "IR_Playbook", "IR_PlaybookAutoFollow", "IR_PlaybookMember", "IR_Run_Participants",
        "IR_StatusPosts", "IR_System", "IR_TimelineEvent", "IR_UserInfo", "IR_ViewedChannel",
        "AttributeView",
    ]

    /// Lower-cased name → canonical name.
    public static let canonicalByLowercase: [String: String] = Dictionary(
        uniqueKeysWithValues: canonical.map { ($0.lowercased(), $0) }
    )

    /// Tables whose real name is lower case on every install; they are known, never renamed.
    public static func isKnownLowercase(_ name: String) -> Bool {
        ["db_migrations", "db_lock", "db_config_migrations", "schema_migrations"].contains(name)
            || name.hasPrefix("focalboard_") || name.hasPrefix("calls")
    }

    /// The core tables whose rows are checksummed (spec §7).
    public static let checksummed: [String] = [
        "Users", "Teams", "Channels", "ChannelMembers", "Posts", "FileInfo", "Reactions", "Preferences", "Emoji",
    ]

    /// The canonical name for a lower-cased (Bitnami) name, or nil when `name` needs no change.
    public static func canonicalName(for name: String) -> String? {
        guard let canonical = canonicalByLowercase[name], canonical != name, name == canonical.lowercased() else { return nil }
        return canonical
    }
}
