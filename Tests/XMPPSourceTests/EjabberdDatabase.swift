import Foundation
import GRDB
import TestSupport

/// A real SQLite database with ejabberd's schema (processone/ejabberd sql/lite.sql: `archive`,
/// `muc_room`, `muc_registered`, `users`), filled row by row the way mod_mam_sql writes it.
final class EjabberdDatabase {
    let url: URL
    let queue: DatabaseQueue
    private var clock: Int64 = 1_709_280_000_000_000  // 2024-03-01T08:00:00Z in µs

    init(multiHost: Bool = false) throws {
        url = try TemporaryDirectory.make("ejabberd").appendingPathComponent("ejabberd.db")
        queue = try DatabaseQueue(path: url.path)
        let host = multiHost ? "server_host text NOT NULL," : ""
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE users (
                    username text NOT NULL, \(host)
                    password text NOT NULL,
                    serverkey text NOT NULL DEFAULT '',
                    salt text NOT NULL DEFAULT '',
                    iterationcount integer NOT NULL DEFAULT 0,
                    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
                );
                CREATE TABLE archive (
                    username text NOT NULL, \(host)
                    timestamp BIGINT UNSIGNED NOT NULL,
                    peer text NOT NULL,
                    bare_peer text NOT NULL,
                    xml text NOT NULL,
                    txt text,
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind text,
                    nick text,
                    origin_id text,
                    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
                );
                CREATE INDEX i_username_timestamp ON archive(username, timestamp);
                CREATE INDEX i_archive_username_origin_id ON archive (username, origin_id);
                CREATE INDEX i_archive_username_bare_peer ON archive (username, bare_peer);
                CREATE INDEX i_timestamp ON archive (timestamp);
                CREATE TABLE muc_room (
                    name text NOT NULL,
                    host text NOT NULL, \(host)
                    opts text NOT NULL,
                    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
                );
                CREATE UNIQUE INDEX i_muc_room_name_host ON muc_room (name, host);
                CREATE TABLE muc_registered (
                    jid text NOT NULL,
                    host text NOT NULL, \(host)
                    nick text NOT NULL,
                    created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP
                );
                """)
        }
    }

    func remove() {
        try? FileManager.default.removeItem(at: url.deletingLastPathComponent())
    }

    /// Advances the server clock by `seconds` and returns it in µs.
    @discardableResult
    func tick(_ seconds: Double = 60) -> Int64 {
        clock += Int64(seconds * 1_000_000)
        return clock
    }

    func user(_ name: String) throws {
        try queue.write { try $0.execute(sql: "INSERT INTO users(username, password) VALUES (?, 'x')", arguments: [name]) }
    }

    func room(_ name: String, host: String, opts: String) throws {
        try queue.write { try $0.execute(sql: "INSERT INTO muc_room(name, host, opts) VALUES (?, ?, ?)", arguments: [name, host, opts]) }
    }

    func registered(jid: String, host: String, nick: String) throws {
        try queue.write { try $0.execute(sql: "INSERT INTO muc_registered(jid, host, nick) VALUES (?, ?, ?)", arguments: [jid, host, nick]) }
    }

    /// One archive row; `xml` may be raw bytes (non-UTF-8 included).
    func archive(owner: String, peer: String, xml: DatabaseValueConvertible, kind: String, nick: String = "", at micros: Int64? = nil) throws {
        let bare = peer.split(separator: "/").first.map(String.init) ?? peer
        try queue.write { db in
            try db.execute(sql: "INSERT INTO archive(username, timestamp, peer, bare_peer, xml, txt, kind, nick) VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                           arguments: [owner, micros ?? clock, peer, bare, xml, kind, nick])
        }
    }

    /// A 1:1 chat message as both local participants' archives store it (two rows, a few µs apart);
    /// `to` outside the server keeps only the sender's copy.
    func chat(from: String, to: String, _ inner: String, id: String, localRecipient: Bool = true) throws {
        let xml = "<message xmlns='jabber:client' from='\(from)' to='\(to)' type='chat' id='\(id)'>\(inner)</message>"
        let sender = String(from.split(separator: "@")[0]), recipient = String(to.split(separator: "@")[0])
        try archive(owner: sender, peer: to, xml: xml, kind: "chat")
        if localRecipient { try archive(owner: recipient, peer: from, xml: xml, kind: "chat", at: clock + 37) }
    }

    /// A room message as the room's archive stores it.
    func groupchat(room: String, nick: String, realJID: String?, _ inner: String, id: String) throws {
        let item = realJID.map { "<x xmlns='http://jabber.org/protocol/muc#user'><item jid='\($0)' affiliation='member' role='participant'/></x>" } ?? ""
        let xml = "<message xmlns='jabber:client' from='\(room)/\(nick)' type='groupchat' id='\(id)'>\(inner)\(item)</message>"
        try archive(owner: room, peer: "\(room)/\(nick)", xml: xml, kind: "groupchat", nick: nick)
    }
}
