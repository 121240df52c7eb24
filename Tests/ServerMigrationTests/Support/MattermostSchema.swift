/// A Mattermost-shaped schema (core tables of spec §1.2/§1.4, simplified column sets) written once
/// and rendered for PostgreSQL (lower-case names, enums, jsonb), MySQL (canonical mixed case) and
/// Bitnami MySQL (lower-cased names).
enum SQLDialect {
    case postgres
    case mysql
    case bitnamiMySQL

    func table(_ canonical: String) -> String {
        switch self {
        case .postgres, .bitnamiMySQL: return canonical.lowercased()
        case .mysql: return canonical
        }
    }

    var isMySQL: Bool { self != .postgres }
}

struct ColumnSpec {
    enum Kind { case id, bigint, shortText, text, json, bool, channelType, teamType }
    let name: String
    let kind: Kind
}

struct TableSpec {
    let name: String
    let columns: [ColumnSpec]
    let primaryKey: [String]
    var extra: [String] = []
}

enum MattermostSchema {
    static func c(_ name: String, _ kind: ColumnSpec.Kind) -> ColumnSpec { ColumnSpec(name: name, kind: kind) }

    static let tables: [TableSpec] = [
        TableSpec(name: "Users", columns: [c("Id", .id), c("CreateAt", .bigint), c("UpdateAt", .bigint), c("DeleteAt", .bigint),
                                           c("Username", .shortText), c("Password", .shortText), c("Email", .shortText),
                                           c("Nickname", .shortText), c("FirstName", .shortText), c("LastName", .shortText),
                                           c("Roles", .text), c("Props", .json), c("NotifyProps", .json), c("Locale", .shortText),
                                           c("LastPictureUpdate", .bigint)], primaryKey: ["Id"], extra: ["UNIQUE (Username)", "UNIQUE (Email)"]),
        TableSpec(name: "Teams", columns: [c("Id", .id), c("CreateAt", .bigint), c("DeleteAt", .bigint), c("DisplayName", .shortText),
                                           c("Name", .shortText), c("Description", .text), c("Type", .teamType),
                                           c("LastTeamIconUpdate", .bigint)], primaryKey: ["Id"], extra: ["UNIQUE (Name)"]),
        TableSpec(name: "TeamMembers", columns: [c("TeamId", .id), c("UserId", .id), c("Roles", .text), c("DeleteAt", .bigint)],
                  primaryKey: ["TeamId", "UserId"]),
        TableSpec(name: "Channels", columns: [c("Id", .id), c("CreateAt", .bigint), c("DeleteAt", .bigint), c("TeamId", .id),
                                              c("Type", .channelType), c("DisplayName", .shortText), c("Name", .shortText),
                                              c("Header", .text), c("Purpose", .text), c("LastPostAt", .bigint), c("TotalMsgCount", .bigint)],
                  primaryKey: ["Id"], extra: ["UNIQUE (Name, TeamId)"]),
        TableSpec(name: "ChannelMembers", columns: [c("ChannelId", .id), c("UserId", .id), c("Roles", .text), c("LastViewedAt", .bigint),
                                                    c("MsgCount", .bigint), c("NotifyProps", .json)], primaryKey: ["ChannelId", "UserId"]),
        TableSpec(name: "Posts", columns: [c("Id", .id), c("CreateAt", .bigint), c("UpdateAt", .bigint), c("EditAt", .bigint),
                                           c("DeleteAt", .bigint), c("IsPinned", .bool), c("UserId", .id), c("ChannelId", .id),
                                           c("RootId", .id), c("OriginalId", .id), c("Message", .text), c("Type", .shortText),
                                           c("Props", .json), c("Hashtags", .text), c("FileIds", .text), c("HasReactions", .bool)],
                  primaryKey: ["Id"]),
        TableSpec(name: "FileInfo", columns: [c("Id", .id), c("CreatorId", .id), c("PostId", .id), c("ChannelId", .id), c("CreateAt", .bigint),
                                              c("UpdateAt", .bigint), c("DeleteAt", .bigint), c("Path", .text), c("ThumbnailPath", .text),
                                              c("PreviewPath", .text), c("Name", .text), c("Extension", .shortText), c("Size", .bigint),
                                              c("MimeType", .text)], primaryKey: ["Id"]),
        TableSpec(name: "Reactions", columns: [c("UserId", .id), c("PostId", .id), c("EmojiName", .shortText), c("CreateAt", .bigint)],
                  primaryKey: ["PostId", "UserId", "EmojiName"]),
        TableSpec(name: "Preferences", columns: [c("UserId", .id), c("Category", .shortText), c("Name", .shortText), c("Value", .text)],
                  primaryKey: ["UserId", "Category", "Name"]),
        TableSpec(name: "Emoji", columns: [c("Id", .id), c("CreateAt", .bigint), c("UpdateAt", .bigint), c("DeleteAt", .bigint),
                                           c("CreatorId", .id), c("Name", .shortText)], primaryKey: ["Id"], extra: ["UNIQUE (Name, DeleteAt)"]),
        TableSpec(name: "Status", columns: [c("UserId", .id), c("Status", .shortText), c("Manual", .bool), c("LastActivityAt", .bigint)],
                  primaryKey: ["UserId"]),
        TableSpec(name: "Systems", columns: [c("Name", .shortText), c("Value", .text)], primaryKey: ["Name"]),
        TableSpec(name: "RetentionPolicies", columns: [c("Id", .id), c("DisplayName", .shortText), c("PostDuration", .bigint)], primaryKey: ["Id"]),
        TableSpec(name: "RetentionPoliciesTeams", columns: [c("PolicyId", .id), c("TeamId", .id)], primaryKey: ["TeamId"]),
    ]

    static func typeName(_ kind: ColumnSpec.Kind, _ dialect: SQLDialect) -> String {
        switch (kind, dialect.isMySQL) {
        case (.id, _): return "varchar(26)"
        case (.bigint, _): return "bigint"
        case (.shortText, _): return "varchar(128)"
        case (.text, false): return "varchar(65535)"
        case (.text, true): return "text"
        case (.json, false): return "jsonb"
        case (.json, true): return "json"
        case (.bool, false): return "boolean"
        case (.bool, true): return "tinyint(1)"
        case (.channelType, false): return "channel_type"
        case (.channelType, true): return "enum('O','P','D','G')"
        case (.teamType, false): return "team_type"
        case (.teamType, true): return "enum('I','O')"
        }
    }

    /// CREATE statements: types, tables, the FK, an index, db_migrations, and a view over two tables.
    static func ddl(_ dialect: SQLDialect) -> String {
        var statements: [String] = []
        if dialect == .postgres {
            statements.append("CREATE TYPE channel_type AS ENUM ('P', 'G', 'O', 'D')")
            statements.append("CREATE TYPE team_type AS ENUM ('I', 'O')")
        }
        for table in tables {
            let name = dialect.table(table.name)
            let columns = table.columns.map { "\(quote($0.name, dialect)) \(typeName($0.kind, dialect))" }
            let key = "PRIMARY KEY (" + table.primaryKey.map { quote($0, dialect) }.joined(separator: ", ") + ")"
            let extras = table.extra.map { extra in
                var rewritten = extra
                for column in table.columns { rewritten = rewritten.replacingOccurrences(of: "(\(column.name)", with: "(\(quote(column.name, dialect))")
                    .replacingOccurrences(of: ", \(column.name))", with: ", \(quote(column.name, dialect)))") }
                return rewritten
            }
            let tail = dialect.isMySQL ? " ENGINE=InnoDB DEFAULT CHARSET=utf8mb4" : ""
            statements.append("CREATE TABLE \(quote(name, dialect)) (\n  " + (columns + [key] + extras).joined(separator: ",\n  ") + "\n)" + tail)
        }
        statements.append("ALTER TABLE \(quote(dialect.table("RetentionPoliciesTeams"), dialect)) ADD CONSTRAINT FK_RetentionPoliciesTeams_RetentionPolicies FOREIGN KEY (\(quote("PolicyId", dialect))) REFERENCES \(quote(dialect.table("RetentionPolicies"), dialect)) (\(quote("Id", dialect)))")
        statements.append("CREATE INDEX idx_posts_channel_id_update_at ON \(quote(dialect.table("Posts"), dialect)) (\(quote("ChannelId", dialect)), \(quote("CreateAt", dialect)))")
        statements.append("CREATE TABLE db_migrations (\(quote("Version", dialect)) bigint NOT NULL, \(quote("Name", dialect)) varchar(64) NOT NULL, PRIMARY KEY (\(quote("Version", dialect))))")
        let posts = quote(dialect.table("Posts"), dialect)
        let users = quote(dialect.table("Users"), dialect)
        statements.append("CREATE VIEW \(quote(dialect.table("AttributeView"), dialect)) AS SELECT p.\(quote("Id", dialect)) AS \(quote("PostId", dialect)), u.\(quote("Username", dialect)) AS \(quote("Username", dialect)) FROM \(posts) p JOIN \(users) u ON u.\(quote("Id", dialect)) = p.\(quote("UserId", dialect))")
        return statements.joined(separator: ";\n") + ";\n"
    }

    /// PostgreSQL uses unquoted (folded) names like Mattermost's migrations; MySQL backquotes.
    static func quote(_ name: String, _ dialect: SQLDialect) -> String {
        dialect.isMySQL ? "`\(name)`" : name
    }
}
