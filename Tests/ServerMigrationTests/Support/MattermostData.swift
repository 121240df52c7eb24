import Foundation

/// Deterministic Mattermost-like content: Unicode, emoji, SQL-looking text (including `users` and
/// `` `users` ``), quotes, backslashes, long messages, 12,000 posts, and files on disk.
enum MattermostData {
    enum Value {
        case text(String)
        case int(Int64)
        case bool(Bool)

        func literal(_ dialect: SQLDialect) -> String {
            switch self {
            case .int(let value): return String(value)
            case .bool(let value): return dialect.isMySQL ? (value ? "1" : "0") : (value ? "true" : "false")
            case .text(let text):
                if dialect.isMySQL {
                    return "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
                }
                return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
            }
        }
    }

    static let postCount = 12_000
    static let userCount = 150
    static let teamCount = 6
    static let channelCount = 60
    static let fileCount = 120

    /// 26-character Mattermost-style id.
    static func id(_ kind: String, _ number: Int) -> String {
        let base = "\(kind)\(number)".unicodeScalars.reduce(into: UInt64(1469598103934665603)) { hash, scalar in
            hash = (hash ^ UInt64(scalar.value)) &* 1099511628211
        }
        let alphabet = Array("abcdefghijkmnopqrstuwxyz13456789")
        var value = base
        var result = ""
        for _ in 0..<13 { result.append(alphabet[Int(value % 32)]); value /= 32 }
        var second = base &* 6364136223846793005 &+ UInt64(number)
        for _ in 0..<13 { result.append(alphabet[Int(second % 32)]); second /= 32 }
        return result
    }

    /// Messages that would break a naive rename or a naive dump; index 0 and 1 are checked byte for byte.
    static let trickyMessages = [
        "Ask the users table owner: SELECT * FROM users; INSERT INTO `users` VALUES ('x'); -- not a comment",
        "backticks `users` and `Users` and \"users\" and 'users' /* users */ # users",
        "Emoji 🎉👩‍👩‍👧‍👦🇩🇪 ünïcödé 中文 עברית e\u{301} — quote ' double \" backslash \\ tab\tnew\nline",
        "DROP TABLE IF EXISTS `posts`; /*!40000 ALTER TABLE `users` DISABLE KEYS */;",
        "Plain message about channels and teams",
    ]

    static let longMessage = String(repeating: "Long text ✓ ünïcödé 🎉 ", count: 600)

    static func message(_ number: Int) -> String {
        if number % 1000 == 7 { return longMessage + " #\(number)" }
        return trickyMessages[number % trickyMessages.count] + " #\(number)"
    }

    static func rows(for table: String, _ numberOfFiles: Int = fileCount) -> [[Value]] {
        let now: Int64 = 1_700_000_000_000
        switch table {
        case "Users":
            return (0..<userCount).map { n in
                [.text(id("u", n)), .int(now + Int64(n)), .int(now + Int64(n)), .int(0), .text("user\(n)"), .text("$2a$10$hash\(n)"),
                 .text("user\(n)@example.com"), .text("Ñick \(n) 🙂"), .text("Zoë"), .text("O'Brien"), .text("system_user"),
                 .text("{\"k\":\"v\(n)\"}"), .text("{\"email\":\"true\"}"), .text("de"), .int(n % 3 == 0 ? now : 0)]
            }
        case "Teams":
            return (0..<teamCount).map { n in
                [.text(id("t", n)), .int(now), .int(0), .text("Team ✨ \(n)"), .text("team\(n)"), .text("Description with 'quotes' \(n)"),
                 .text(n % 2 == 0 ? "O" : "I"), .int(n == 0 ? now : 0)]
            }
        case "TeamMembers":
            return (0..<userCount).map { n in [.text(id("t", n % teamCount)), .text(id("u", n)), .text("team_user"), .int(0)] }
        case "Channels":
            return (0..<channelCount).map { n in
                [.text(id("c", n)), .int(now), .int(0), .text(n % 10 == 9 ? "" : id("t", n % teamCount)), .text(["O", "P", "D", "G"][n % 4]),
                 .text("Channel 🚀 \(n)"), .text("channel-\(n)"), .text("Header \\ with backslash \(n)"), .text("Purpose \(n)"),
                 .int(now + Int64(n)), .int(Int64(n * 10))]
            }
        case "ChannelMembers":
            return (0..<channelCount).flatMap { c in (0..<20).map { u in
                [.text(id("c", c)), .text(id("u", (c * 7 + u) % userCount)), .text("channel_user"), .int(now), .int(Int64(u)), .text("{\"desktop\":\"default\"}")]
            } }
        case "Posts":
            return (0..<postCount).map { n in
                [.text(id("p", n)), .int(now + Int64(n)), .int(now + Int64(n)), .int(0), .int(n % 97 == 0 ? now : 0), .bool(n % 50 == 0),
                 .text(id("u", n % userCount)), .text(id("c", n % channelCount)), .text(n % 5 == 0 ? "" : id("p", n - n % 5)), .text(""),
                 .text(message(n)), .text(""), .text("{\"from_webhook\":\"false\",\"n\":\(n),\"txt\":\"ü \\\"q\\\"\"}"),
                 .text(n % 11 == 0 ? "#tag\(n)" : ""), .text(n < numberOfFiles ? "[\"\(id("f", n))\"]" : "[]"), .bool(n % 4 == 0)]
            }
        case "FileInfo":
            return (0..<numberOfFiles).map { n in
                [.text(id("f", n)), .text(id("u", n % userCount)), .text(id("p", n)), .text(id("c", n % channelCount)), .int(now), .int(now), .int(0),
                 .text(filePath(n)), .text(""), .text(""), .text(fileName(n)), .text("bin"), .int(Int64(fileBytes(n).count)), .text("application/octet-stream")]
            }
        case "Reactions":
            return (0..<3000).map { n in [.text(id("u", n % userCount)), .text(id("p", n / 3)), .text(["smile", "+1", "🎉"][n % 3]), .int(now)] }
        case "Preferences":
            return (0..<userCount).flatMap { u in ["display_settings", "direct_channel_show", "theme"].map { category in
                [.text(id("u", u)), .text(category), .text(category == "theme" ? "" : "name_\(u)"), .text("{\"v\":\"ü\(u)\"}")]
            } }
        case "Emoji":
            return (0..<20).map { n in [.text(id("e", n)), .int(now), .int(now), .int(0), .text(id("u", n)), .text("emoji_\(n)")] }
        case "Status":
            return (0..<userCount).map { n in [.text(id("u", n)), .text(["online", "away", "offline"][n % 3]), .bool(n % 2 == 0), .int(now)] }
        case "Systems":
            return [[.text("DiagnosticId"), .text("diag-source-id-0123456789")], [.text("AsymmetricSigningKey"), .text("{\"ecdsa_key\":\"secret\"}")],
                    [.text("CRTThreadCountsAndUnreadsMigrationComplete"), .text("true")]]
        case "RetentionPolicies":
            return [[.text(id("r", 0)), .text("Policy ü"), .int(30)]]
        case "RetentionPoliciesTeams":
            return [[.text(id("r", 0)), .text(id("t", 0))]]
        default:
            return []
        }
    }

    static func filePath(_ n: Int) -> String {
        "20240101/teams/\(id("t", n % teamCount))/channels/\(id("c", n % channelCount))/users/\(id("u", n % userCount))/\(id("f", n))/\(fileName(n))"
    }

    static func fileName(_ n: Int) -> String {
        n % 10 == 3 ? "Bericht ü 📎 \(n) with a rather long name that pushes the archive path past one hundred bytes.pdf" : "file-\(n).bin"
    }

    /// File contents: mostly small, one of 3 MiB; deterministic.
    static func fileBytes(_ n: Int) -> [UInt8] {
        let size = n == 5 ? 3 << 20 : 1_000 + (n * 7919) % 40_000
        var state = UInt32(truncatingIfNeeded: n &* 2654435761 &+ 1)
        return (0..<size).map { _ in
            state = state &* 1664525 &+ 1013904223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }

    /// INSERT statements for every table, in batches.
    static func inserts(_ dialect: SQLDialect) -> String {
        var sql = ""
        for table in MattermostSchema.tables {
            let rows = rows(for: table.name)
            let name = MattermostSchema.quote(dialect.table(table.name), dialect)
            for start in stride(from: 0, to: rows.count, by: 400) {
                sql += "INSERT INTO \(name) VALUES\n"
                sql += rows[start..<min(start + 400, rows.count)].map { "(" + $0.map { $0.literal(dialect) }.joined(separator: ",") + ")" }.joined(separator: ",\n")
                sql += ";\n"
            }
        }
        sql += "INSERT INTO db_migrations VALUES " + (1...141).map { "(\($0), 'migration_\($0)')" }.joined(separator: ",") + ";\n"
        return sql
    }
}
