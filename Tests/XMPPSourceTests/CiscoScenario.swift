import Foundation
import GRDB
import TestSupport

/// A Cisco IM&P external database written from the schema of Cisco's "Database Setup for IM and
/// Presence Service" guide (spec §2.2), filled as the server writes it: persistent and ad-hoc rooms,
/// the room config form, roles and affiliations, every `JM` copy of an IM (per direction and per
/// recipient resource), managed file transfers and their files. The same rows can be written as one
/// CSV per table (what a vendor export tool gives for MS SQL or Oracle).
enum CiscoScenario {
    static let schema = """
        CREATE TABLE tc_rooms (room_jid VARCHAR(3071) NOT NULL PRIMARY KEY, creator_jid VARCHAR(3071), subject VARCHAR(255),
            type VARCHAR(32), config TEXT, spacket TEXT, start_msg_id BIGINT, next_msg_id BIGINT);
        CREATE TABLE tc_users (room_jid VARCHAR(3071) NOT NULL, real_jid VARCHAR(3071) NOT NULL, role VARCHAR(32),
            affiliation VARCHAR(32), nick_jid VARCHAR(3071), reason VARCHAR(255));
        CREATE TABLE tc_msgarchive (msg_id BIGINT NOT NULL PRIMARY KEY, to_jid VARCHAR(3071), from_jid VARCHAR(3071),
            nick_jid VARCHAR(3071), sent_date TIMESTAMP, msg_type CHAR(1), body_len INTEGER, message_len INTEGER,
            body_string VARCHAR(4000), message_string VARCHAR(4000), body_text TEXT, message_text TEXT, subject VARCHAR(255));
        CREATE TABLE jm (to_jid VARCHAR(3071), from_jid VARCHAR(3071), sent_date TIMESTAMP, subject VARCHAR(128),
            thread_id VARCHAR(128), msg_type CHAR(1), direction CHAR(1), body_len INTEGER, message_len INTEGER,
            body_string VARCHAR(4000), message_string VARCHAR(4000), body_text TEXT, message_text TEXT, history_flag CHAR(1));
        CREATE TABLE aft_log (aft_index BIGINT NOT NULL PRIMARY KEY, jid VARCHAR(3071), to_jid VARCHAR(3071), method VARCHAR(10),
            filename VARCHAR(255), real_filename VARCHAR(255), file_server VARCHAR(255), file_path VARCHAR(1024),
            timestampvalue TIMESTAMP, bytes_transferred BIGINT);
        """

    static let room = #"test\20room@conference.example.com"#
    static let adHoc = "tonyd_20161206_1432@conference.example.com"

    static func config(membersOnly: String, name: String) -> String {
        "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'><value>http://jabber.org/protocol/muc#roomconfig</value></field>"
            + "<field var='muc#roomconfig_persistentroom'><value>1</value></field>"
            + "<field var='muc#roomconfig_roomname'><value>\(name)</value></field>"
            + "<field var='muc#roomconfig_membersonly'><value>\(membersOnly)</value></field></x>"
    }

    static func fileStanza(from: String, to: String, type: String, name: String, text: String) -> String {
        "<message xmlns='jabber:client' from='\(from)' to='\(to)' type='\(type)'>"
            + "<body>Your chat application does not support downloading this file</body>"
            + "<advanced-file-transfer xmlns='http://www.cisco.com/xmpp/aft'><filename>\(name)</filename><size>5</size></advanced-file-transfer>"
            + "<aft-html xmlns='http://www.cisco.com/xmpp/aft-html'><body xmlns='http://www.w3.org/1999/xhtml'><span><div>\(text)</div></span></body></aft-html>"
            + "</message>"
    }

    /// Table → column names and rows (nil = NULL), in insertion order.
    static var tables: [(name: String, columns: [String], rows: [[String?]])] {
        let big = (1...10).map { "u\($0)@example.com" }
        return [
            ("tc_rooms", ["room_jid", "creator_jid", "subject", "type", "config"], [
                [room, "alice@example.com", "Welcome", "persistent", config(membersOnly: "0", name: "Test Room")],
                ["board@conference.example.com", "dave@example.com", nil, "persistent", nil],
                ["secret@conference.example.com", "dave@example.com", nil, "persistent", config(membersOnly: "1", name: "Secret")],
                [adHoc, "tony@example.com", nil, "ad-hoc", nil],
                ["bigchat@conference.example.com", "u1@example.com", nil, "ad-hoc", nil],
            ]),
            ("tc_users", ["room_jid", "real_jid", "role", "affiliation", "nick_jid"], [
                [room, "alice@example.com/Jabber Messenger Desktop", "moderator", "owner", room + "/Alice"],
                [room, "bob@example.com", "none", "member", room + "/Bob"],
                [room, "carol@example.com", "none", "outcast", room + "/Carol"],
                ["board@conference.example.com", "dave@example.com", "none", "admin", "board@conference.example.com/Dave"],
                ["board@conference.example.com", "bob@example.com", "participant", "none", "board@conference.example.com/Bob"],
                ["secret@conference.example.com", "dave@example.com", "none", "owner", "secret@conference.example.com/Dave"],
                [adHoc, "tony@example.com", "participant", "none", adHoc + "/Tony"],
                [adHoc, "alice@example.com", "participant", "none", adHoc + "/Alice"],
            ] + big.map { ["bigchat@conference.example.com", $0, "participant", "none", "bigchat@conference.example.com/" + $0.prefix(while: { $0 != "@" })] }),
            ("tc_msgarchive", ["msg_id", "to_jid", "from_jid", "nick_jid", "sent_date", "msg_type", "body_string", "body_text", "message_string"], [
                ["1", room, "alice@example.com/Jabber Messenger Desktop", room + "/Alice", "2016-12-06 14:32:00.250", "g", "Hello bold", nil,
                 "<message xmlns='jabber:client' from='\(room)/Alice' type='groupchat'><body>Hello bold</body><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p>Hello <b>bold</b></p></body></html></message>"],
                ["2", room, "bob@example.com/g1b9b8hs09", room + "/Bob", "2016-12-06 14:32:30", "g", "", "A long body kept in body_text", nil],
                ["10", room, "alice@example.com/Jabber Messenger Desktop", room + "/Alice", "2016-12-06 14:33:00", "g", "Your chat application does not support downloading this file", nil,
                 fileStanza(from: room + "/Alice", to: room, type: "groupchat", name: "report.pdf", text: "Here is the report")],
                ["11", "board@conference.example.com", "dave@example.com/pc", "board@conference.example.com/Dave", "2016-12-06 14:34:00", "g", nil, nil,
                 fileStanza(from: "board@conference.example.com/Dave", to: "board@conference.example.com", type: "groupchat", name: "missing.pdf", text: "")],
                ["12", "board@conference.example.com", "dave@example.com/pc", "board@conference.example.com/Dave", "2016-12-06 14:35:00", "g", nil, nil,
                 fileStanza(from: "board@conference.example.com/Dave", to: "board@conference.example.com", type: "groupchat", name: "evil.txt", text: "look")],
                ["13", "secret@conference.example.com", "dave@example.com/pc", nil, "2016-12-06 14:36:00", "g", "<p>Plain <b>HTML</b></p>", nil, nil],
                ["14", adHoc, "tony@example.com/desk", adHoc + "/Tony", "2016-12-06 14:37:00", "g", "adhoc hi", nil, nil],
                ["15", "bigchat@conference.example.com", "u1@example.com/desk", nil, "2016-12-06 14:38:00", "g", "big hi", nil, nil],
            ]),
            ("jm", ["to_jid", "from_jid", "sent_date", "msg_type", "direction", "body_string", "thread_id"], [
                // One IM, stored outbound and once per recipient resource.
                ["bob@example.com", "alice@example.com/desk", "2016-12-06 15:00:00", "c", "O", "Hi Bob", nil],
                ["bob@example.com/desk", "alice@example.com/desk", "2016-12-06 15:00:00", "c", "I", "Hi Bob", nil],
                ["bob@example.com/mobile", "alice@example.com/desk", "2016-12-06 15:00:01", "c", "I", "Hi Bob", nil],
                ["alice@example.com", "bob@example.com/mobile", "2016-12-06 15:00:05", "c", "O", "Hi Alice", nil],
                ["alice@example.com/desk", "bob@example.com/mobile", "2016-12-06 15:00:05", "c", "I", "Hi Alice", nil],
                // The same text sent twice: two messages, each with its copy.
                ["bob@example.com", "alice@example.com/desk", "2016-12-06 15:01:00", "c", "O", "ok", nil],
                ["bob@example.com/desk", "alice@example.com/desk", "2016-12-06 15:01:00", "c", "I", "ok", nil],
                ["bob@example.com", "alice@example.com/desk", "2016-12-06 15:01:01", "c", "O", "ok", nil],
                ["bob@example.com/desk", "alice@example.com/desk", "2016-12-06 15:01:01", "c", "I", "ok", nil],
                // A user stored without a domain, and an escaped localpart.
                ["alice@example.com/desk", "nodomain/phone", "2016-12-06 15:02:00", "c", "I", "no domain here", nil],
                ["alice@example.com", #"john\20doe@example.com/desk"#, "2016-12-06 15:02:30", "c", "I", "from John", nil],
                // An ad-hoc group message, outbound once and inbound once per recipient.
                [adHoc, "tony@example.com/desk", "2016-12-06 15:03:00", "g", "O", "adhoc via jm", nil],
                ["alice@example.com/desk", adHoc + "/Tony", "2016-12-06 15:03:00", "g", "I", "adhoc via jm", nil],
                ["bob@example.com/desk", adHoc + "/Tony", "2016-12-06 15:03:00", "g", "I", "adhoc via jm", nil],
                // A persistent room's message the archiver logged too (it is in tc_msgarchive).
                ["bob@example.com/desk", room + "/Alice", "2016-12-06 14:32:00", "g", "I", "Hello bold", nil],
                // A file sent in a 1:1 chat.
                ["bob@example.com", "alice@example.com/desk", "2016-12-06 15:04:00", "c", "O", nil, nil],
            ]),
            ("aft_log", ["aft_index", "jid", "to_jid", "method", "filename", "real_filename", "file_server", "file_path", "timestampvalue", "bytes_transferred"], [
                ["1", "alice@example.com/desk", room, "Post", "a1b2", "report.pdf", "mft1.example.com", "/mft/ab/cd/a1b2", "2016-12-06 14:33:02", "5"],
                ["2", "dave@example.com/pc", "board@conference.example.com", "Post", "c3d4", "missing.pdf", "mft1.example.com", "/mft/gone/c3d4", "2016-12-06 14:34:00", "9"],
                ["3", "dave@example.com/pc", "board@conference.example.com", "Post", "e5f6", "evil.txt", "mft1.example.com", "../../../etc/passwd", "2016-12-06 14:35:01", "9"],
                ["4", "bob@example.com/desk", room, "Get", "a1b2", "report.pdf", "mft1.example.com", "/mft/ab/cd/a1b2", "2016-12-06 14:40:00", "5"],
                ["5", "eve@example.com/desk", room, "Post", "z9", "orphan.zip", "mft1.example.com", "/mft/zz/z9", "2016-12-06 16:00:00", "7"],
                ["6", "alice@example.com/desk", "bob@example.com", "Post", "p7", "photo.png", "mft1.example.com", "/mft/pp/p7", "2016-12-06 15:04:01", "4"],
            ]),
        ]
    }

    /// The 1:1 file message's stanza (jm rows keep it in message_string).
    static let directFileStanza = fileStanza(from: "alice@example.com/desk", to: "bob@example.com", type: "chat", name: "photo.png", text: "a photo")

    /// Writes the files the file server holds below `root` (as mounted for `--files-root`).
    static func writeFiles(at root: URL) throws {
        try TemporaryDirectory.writeTree(["mft1.example.com/mft/ab/cd/a1b2": Data("%PDF-".utf8), "mft/pp/p7": Data("\u{89}PNG".utf8)], at: root)
    }

    /// The database as an SQLite file (Cisco's schema).
    static func writeDatabase(at url: URL, extraSQL: String = "") throws {
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: schema)
            for table in tables {
                var columns = table.columns, rows = table.rows
                if table.name == "jm" {
                    columns.append("message_string")
                    rows = rows.map { $0 + [$0[5] == nil ? directFileStanza : nil] }
                }
                let sql = "INSERT INTO \(table.name) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
                for row in rows { try db.execute(sql: sql, arguments: StatementArguments(row.map { $0?.databaseValue ?? .null })) }
            }
            if !extraSQL.isEmpty { try db.execute(sql: extraSQL) }
        }
    }

    /// The same rows as one CSV per table (upper-case headers and a `dbo.` prefix, as SQL Server's tools write them).
    static func writeCSV(at directory: URL, extraLines: [String: String] = [:]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for table in tables {
            var columns = table.columns, rows = table.rows
            if table.name == "jm" {
                columns.append("message_string")
                rows = rows.map { $0 + [$0[5] == nil ? directFileStanza : nil] }
            }
            var text = columns.map { $0.uppercased() }.joined(separator: ",") + "\r\n"
            for row in rows { text += row.map { $0.map(quote) ?? "" }.joined(separator: ",") + "\r\n" }
            text += extraLines[table.name] ?? ""
            try Data(text.utf8).write(to: directory.appendingPathComponent("dbo.\(table.name.uppercased()).csv"))
        }
    }

    static func quote(_ field: String) -> String {
        "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
