/// Source data for the MySQL → PostgreSQL tests, written for MariaDB with NO_BACKSLASH_ESCAPES so
/// every literal below is the exact text stored. It covers each conversion issue 11 lists.
enum EngineChangeData {
    static let now: Int64 = 1_700_000_000_000
    static func id(_ kind: String, _ number: Int) -> String { MattermostData.id(kind, number) }

    /// Post 1's Hashtags: 1,200 characters (with 4-byte emoji) for a varchar(1000) column.
    static let overlongHashtags = String(repeating: "#tag🎉 ", count: 200)
    /// Drafts/ScheduledPosts.Props: plain varchar on PostgreSQL, copied byte for byte (key order, spacing, escape).
    static let draftProps = #"{"z":1,  "a":"x\u0000y", "n":1.50}"#
    /// A message that literally holds a backslash followed by u0000: never touched.
    static let literalEscapeMessage = #"literal \u0000 stays, emoji 👩‍👩‍👧 and 𝄞"#
    /// A JSON value whose string holds a backslash then u0000 (JSON `\\u0000`): never touched.
    static let literalEscapeProps = #"{"text":"keep \\u0000 this","n":1e2,"b":{"y":[true,null],"x":-0.0}}"#
    /// A JSON value with a real U+0000 (JSON `\u0000`): jsonb rejects it, so it is removed.
    static let nullCharacterProps = #"{"from_webhook":"true","bad":"a\u0000b","é":"\u00e9"}"#

    static func fill(posts: Int) -> String {
        var sql = "SET sql_mode = 'NO_BACKSLASH_ESCAPES'; SET SESSION max_recursive_iterations = 100000000;\n"
        let users = (0..<6).map { n in
            "('\(id("u", n))', \(now), \(now), \(n == 4 ? now : 0), 'user\(n)', 'user\(n)@example.com', \(n % 2), 'Ñick 🎉 \(n)', 'system_user', '{\"k\":\"v\(n)\"}', '{\"email\":\"true\"}', '{\"useAutomaticTimezone\":\"true\"}', 'de', \(n == 5 ? "NULL" : "0"), \(now))"
        }
        sql += "INSERT INTO Users (Id, CreateAt, UpdateAt, DeleteAt, Username, Email, EmailVerified, Nickname, Roles, Props, NotifyProps, Timezone, Locale, FailedAttempts, LastLogin) VALUES \(users.joined(separator: ",\n"));\n"
        sql += "INSERT INTO Bots (UserId, Description, OwnerId, CreateAt, UpdateAt, DeleteAt) VALUES ('\(id("u", 3))', 'A bot 🤖', '\(id("u", 0))', \(now), \(now), 0);\n"
        sql += "INSERT INTO Teams (Id, CreateAt, UpdateAt, DeleteAt, DisplayName, Name, Type, AllowedDomains, AllowOpenInvite, CloudLimitsArchived) VALUES ('\(id("t", 0))', \(now), \(now), 0, 'Team ✨', 'team0', 'O', '', 1, 0), ('\(id("t", 1))', \(now), \(now), 0, 'Invite', 'team1', 'I', '', 0, 0);\n"
        sql += "INSERT INTO TeamMembers (TeamId, UserId, Roles, DeleteAt, SchemeUser, SchemeAdmin, SchemeGuest, CreateAt) VALUES "
            + (0..<6).map { "('\(id("t", 0))', '\(id("u", $0))', '', 0, 1, \($0 == 0 ? 1 : 0), \($0 == 5 ? "NULL" : "0"), \(now))" }.joined(separator: ", ") + ";\n"
        let channels = [("O", "town-square", id("t", 0)), ("P", "private", id("t", 0)), ("D", "\(id("u", 0))__\(id("u", 1))", ""), ("G", "group-dm", "")]
        sql += "INSERT INTO Channels (Id, CreateAt, UpdateAt, DeleteAt, TeamId, Type, DisplayName, Name, Header, Purpose, LastPostAt, TotalMsgCount, DefaultCategoryName, BannerInfo) VALUES "
            + channels.enumerated().map { n, channel in
                "('\(id("c", n))', \(now), \(now), 0, '\(channel.2)', '\(channel.0)', 'Channel 🚀 \(n)', '\(channel.1)', '\(n == 0 ? String(repeating: "h", count: 1100) : "Header \\ backslash")', 'Purpose', \(now), \(posts), '', \(n == 1 ? "'{\"enabled\":true}'" : "NULL"))"
            }.joined(separator: ", ") + ";\n"
        sql += "INSERT INTO ChannelMembers (ChannelId, UserId, Roles, LastViewedAt, MsgCount, MentionCount, NotifyProps, LastUpdateAt, SchemeUser, SchemeAdmin, SchemeGuest, MentionCountRoot, MsgCountRoot, UrgentMentionCount) VALUES "
            + (0..<4).flatMap { c in (0..<3).map { u in
                "('\(id("c", c))', '\(id("u", u))', '', \(now), 3, 0, '{\"desktop\":\"default\",\"push\":\"all\"}', \(now), 1, \(u == 0 ? 4 : 0), \(u == 2 ? "NULL" : "0"), 0, 0, 0)"
            } }.joined(separator: ", ") + ";\n"
        // Posts: post 0 holds a real \u0000 in Props, post 1 overlong Hashtags, post 2 a literal backslash-u0000,
        // post 3 a NUL byte in its message; the rest are generated in the database.
        sql += "INSERT INTO Posts (Id, CreateAt, UpdateAt, DeleteAt, UserId, ChannelId, RootId, OriginalId, Message, Type, Props, Hashtags, Filenames, FileIds, HasReactions, EditAt, IsPinned) VALUES "
        sql += "('\(id("p", 0))', \(now), \(now), 0, '\(id("u", 0))', '\(id("c", 0))', '', '', 'hello 🎉', '', '\(nullCharacterProps)', '', '[]', '[\"\(id("f", 0))\"]', 1, 0, 1),\n"
        sql += "('\(id("p", 1))', \(now), \(now), 0, '\(id("u", 1))', '\(id("c", 0))', '', '', 'tags', '', '{}', '\(overlongHashtags)', '[]', '[]', 0, 0, 0),\n"
        sql += "('\(id("p", 2))', \(now), \(now), \(now), '\(id("u", 3))', '\(id("c", 2))', '\(id("p", 0))', '', '\(literalEscapeMessage)', 'system_join_channel', '\(literalEscapeProps)', '', '[]', '[]', 0, 0, 0),\n"
        sql += "('\(id("p", 3))', \(now), \(now), 0, '\(id("u", 2))', '\(id("c", 3))', '', '', CONCAT('nul', CHAR(0), 'byte'), '', NULL, NULL, '[]', '[]', 0, 0, 0);\n"
        if posts > 4 {
            sql += """
                INSERT INTO Posts (Id, CreateAt, UpdateAt, DeleteAt, UserId, ChannelId, RootId, OriginalId, Message, Type, Props, Hashtags, Filenames, FileIds, HasReactions, EditAt, IsPinned)
                WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < \(posts - 1))
                SELECT CONCAT('gen', LPAD(i, 23, '0')), \(now) + i, \(now) + i, 0, '\(id("u", 1))', '\(id("c", 0))', '', '', CONCAT('Message ', i, ' ünïcödé 🎉 with a tab\there'), '',
                       CONCAT('{"n":', i, ',"from_bot":"false"}'), '', '[]', '[]', i % 2, 0, 0 FROM n;

                """
        }
        sql += "INSERT INTO Reactions (UserId, PostId, EmojiName, CreateAt, UpdateAt, DeleteAt, ChannelId) VALUES ('\(id("u", 1))', '\(id("p", 0))', 'tada', \(now), \(now), 0, '\(id("c", 0))'), ('\(id("u", 2))', '\(id("p", 0))', '+1', \(now), \(now), 0, '\(id("c", 0))');\n"
        sql += "INSERT INTO FileInfo (Id, CreatorId, PostId, ChannelId, CreateAt, UpdateAt, DeleteAt, Path, ThumbnailPath, PreviewPath, Name, Extension, Size, MimeType, Width, Height, HasPreviewImage, MiniPreview, Archived) VALUES "
            + "('\(id("f", 0))', '\(id("u", 0))', '\(id("p", 0))', '\(id("c", 0))', \(now), \(now), 0, '\(String(repeating: "d/", count: 300))x.png', '', '', 'x 📎.png', 'png', 1234, 'image/png', 10, 20, 1, X'00FF5C0A0D09', 0);\n"
        sql += "INSERT INTO Drafts (CreateAt, UpdateAt, DeleteAt, UserId, ChannelId, RootId, Message, Props, FileIds, Priority) VALUES (\(now), \(now), 0, '\(id("u", 0))', '\(id("c", 0))', '', 'draft ✍️', '\(draftProps)', '[]', NULL);\n"
        sql += "INSERT INTO ScheduledPosts (Id, CreateAt, UpdateAt, UserId, ChannelId, RootId, Message, Props, FileIds, Priority, ScheduledAt, ProcessedAt, ErrorCode) VALUES ('\(id("s", 0))', \(now), \(now), '\(id("u", 0))', '\(id("c", 0))', '', 'later', '\(draftProps)', '[]', NULL, \(now + 1000), 0, '');\n"
        sql += "INSERT INTO RetentionPolicies (Id, DisplayName, PostDuration) VALUES ('\(id("r", 0))', 'Policy ü', 30);\n"
        sql += "INSERT INTO RetentionPoliciesTeams (PolicyId, TeamId) VALUES ('\(id("r", 0))', '\(id("t", 0))');\n"
        sql += "INSERT INTO RetentionPoliciesChannels (PolicyId, ChannelId) VALUES ('\(id("r", 0))', '\(id("c", 1))');\n"
        sql += "INSERT INTO RetentionIdsForDeletion (Id, TableName, Ids) VALUES ('\(id("d", 0))', 'Posts', '[\"\(id("p", 8))\",\"\(id("p", 9))\"]');\n"
        sql += "INSERT INTO OutgoingOAuthConnections (Id, Name, CreatorId, CreateAt, UpdateAt, ClientId, ClientSecret, OAuthTokenURL, GrantType, Audiences) VALUES ('\(id("o", 0))', 'conn', '\(id("u", 0))', \(now), \(now), 'client', 'secret', 'https://idp.example.com/token', 'client_credentials', 'https://api.example.com');\n"
        sql += "INSERT INTO ChannelBookmarks (Id, OwnerId, ChannelId, CreateAt, UpdateAt, DeleteAt, DisplayName, SortOrder, LinkUrl, Type) VALUES ('\(id("b", 0))', '\(id("u", 0))', '\(id("c", 0))', \(now), \(now), 0, 'Docs', 2, 'https://docs.example.com', 'link'), ('\(id("b", 1))', '\(id("u", 0))', '\(id("c", 0))', \(now), \(now), 0, 'Big', 3000000000, 'https://x.example.com', 'link');\n"
        sql += "INSERT INTO PropertyGroups (Id, Name) VALUES ('\(id("g", 0))', 'custom_profile_attributes');\n"
        sql += "INSERT INTO PropertyFields (ID, GroupID, Name, Type, Attrs, TargetID, TargetType, CreateAt, UpdateAt, DeleteAt) VALUES ('\(id("pf", 0))', '\(id("g", 0))', 'Department', 'text', '{\"visibility\":\"always\"}', '', '', NULL, NULL, NULL);\n"
        sql += "INSERT INTO PropertyValues (ID, TargetID, TargetType, GroupID, FieldID, Value, CreateAt, UpdateAt, DeleteAt) VALUES ('\(id("pv", 0))', '\(id("u", 0))', 'user', '\(id("g", 0))', '\(id("pf", 0))', '\"Sales\"', \(now), NULL, 0);\n"
        sql += "INSERT INTO LinkMetadata (Hash, URL, Timestamp, Type, Data) VALUES (42, 'https://example.com/\(String(repeating: "a", count: 2100))', \(now), 'opengraph', '{\"title\":\"T\"}');\n"
        sql += "INSERT INTO PluginKeyValueStore (PluginId, PKey, PValue, ExpireAt) VALUES ('com.example', 'key', X'000102FFFE5C', 0), ('com.example', 'null', NULL, 0);\n"
        sql += "INSERT INTO Systems (Name, Value) VALUES ('DiagnosticId', 'diag-source-id-0123456789'), ('AsymmetricSigningKey', '{\"ecdsa_key\":\"secret\"}');\n"
        sql += "INSERT INTO Preferences (UserId, Category, Name, Value) VALUES ('\(id("u", 0))', 'theme', '', '{\"sidebarBg\":\"#145dbf\"}');\n"
        sql += "INSERT INTO Emoji (Id, CreateAt, UpdateAt, DeleteAt, CreatorId, Name) VALUES ('\(id("e", 0))', \(now), \(now), 0, '\(id("u", 0))', 'party');\n"
        sql += "INSERT INTO Threads (PostId, ReplyCount, LastReplyAt, Participants, ChannelId, ThreadDeleteAt, ThreadTeamId) VALUES ('\(id("p", 0))', 1, \(now), '[\"\(id("u", 0))\"]', '\(id("c", 0))', 0, '\(id("t", 0))');\n"
        sql += "INSERT INTO Sessions (Id, Token, CreateAt, ExpiresAt, LastActivityAt, UserId, DeviceId, Roles, IsOAuth, Props, ExpiredNotify) VALUES ('\(id("x", 0))', 'tok', \(now), \(now), \(now), '\(id("u", 0))', '', 'system_user', 0, '{\"os\":\"Linux\"}', 0);\n"
        // Plugin tables, leftovers and a stray procedure: reported, never invented on PostgreSQL.
        sql += "CREATE TABLE IR_Incident (ID varchar(26) PRIMARY KEY, Name text); INSERT INTO IR_Incident VALUES ('i1', 'incident');\n"
        sql += "CREATE TABLE focalboard_blocks (id varchar(36) PRIMARY KEY, created datetime(6)); INSERT INTO focalboard_blocks VALUES ('b1', '0000-00-00 00:00:00');\n"
        sql += "CREATE TABLE schema_migrations (version bigint, dirty tinyint(1)); CREATE TABLE db_lock (Id varchar(64) PRIMARY KEY, ExpireAt bigint);\n"
        sql += "CREATE PROCEDURE MigrateLeftover() SELECT 1;\n"
        return sql
    }
}
