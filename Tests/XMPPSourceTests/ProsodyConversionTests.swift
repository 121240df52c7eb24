import Foundation
import GRDB
import Testing
import TestSupport
@testable import XMPPSource

/// A real SQLite database with mod_storage_sql's tables (`prosody`, `prosodyarchive`), filled the way
/// mod_mam and mod_muc_mam write them.
@Suite struct ProsodyConversionTests {
    static func build() throws -> URL {
        let url = try TemporaryDirectory.make("prosody").appendingPathComponent("prosody.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE "prosody" ("host" TEXT, "user" TEXT, "store" TEXT, "key" TEXT, "type" TEXT, "value" TEXT);
                CREATE INDEX "prosody_index" ON "prosody" ("host", "user", "store", "key");
                CREATE TABLE "prosodyarchive" ("sort_id" INTEGER PRIMARY KEY AUTOINCREMENT, "host" TEXT, "user" TEXT,
                    "store" TEXT, "key" TEXT, "when" INTEGER, "with" TEXT, "type" TEXT, "value" TEXT);
                CREATE UNIQUE INDEX "prosodyarchive_index" ON "prosodyarchive" ("host", "user", "store", "key");
                """)
            for user in ["alice", "bob", "cleo"] {
                for key in ["password", "iteration_count"] {
                    try db.execute(sql: "INSERT INTO prosody VALUES ('example.com', ?, 'accounts', ?, 'string', 'x')", arguments: [user, key])
                }
            }
            try db.execute(sql: """
                INSERT INTO prosody VALUES ('conference.example.com', 'lobby', 'config', '_data', 'json',
                    '{"name":"The Lobby","description":"Say hi","members_only":false,"subject":"Welcome"}');
                INSERT INTO prosody VALUES ('conference.example.com', 'lobby', 'config', '_affiliations', 'json',
                    '{"alice@example.com":"owner","bob@example.com":"member"}');
                """)
            func archive(_ user: String, _ store: String, _ key: String, _ when: Int64, _ with: String, _ xml: String, host: String = "example.com") throws {
                try db.execute(sql: "INSERT INTO prosodyarchive(host, user, store, key, \"when\", \"with\", type, value) VALUES (?, ?, ?, ?, ?, ?, 'xml', ?)",
                               arguments: [host, user, store, key, when, with, xml])
            }
            let m1 = "<message xmlns='jabber:client' from='alice@example.com/a' to='bob@example.com' type='chat' id='p1'><body>first</body></message>"
            try archive("alice", "archive", "k1", 1_709_280_000, "bob@example.com", m1)
            try archive("bob", "archive", "k2", 1_709_280_000, "alice@example.com", m1)
            // Stored later (sort_id), sent earlier: the <delay> gives milliseconds.
            let m0 = "<message xmlns='jabber:client' from='bob@example.com/b' to='alice@example.com' type='chat' id='p0'><body>queued</body>"
                + "<delay xmlns='urn:xmpp:delay' stamp='2024-03-01T07:59:30.500Z'/></message>"
            try archive("alice", "archive", "k3", 1_709_280_060, "bob@example.com", m0)
            let fix = "<message xmlns='jabber:client' from='alice@example.com/a' to='bob@example.com' type='chat' id='p2'><body>first!</body>"
                + "<replace xmlns='urn:xmpp:message-correct:0' id='p1'/></message>"
            try archive("alice", "archive", "k4", 1_709_280_120, "bob@example.com", fix)
            try archive("bob", "archive", "k5", 1_709_280_120, "alice@example.com", fix)
            let room = "conference.example.com"
            try archive("lobby", "muc_log", "r1", 1_709_280_200, "message<groupchat",
                        "<message xmlns='jabber:client' from='lobby@\(room)/Al' type='groupchat' id='x1'><body>hello room</body>"
                        + "<x xmlns='http://jabber.org/protocol/muc#user'><item jid='alice@example.com/a' affiliation='owner' role='moderator'/></x></message>", host: room)
            try archive("lobby", "muc_log", "r2", 1_709_280_210, "message<groupchat",
                        "<message xmlns='jabber:client' from='lobby@\(room)/Al' type='groupchat' id='x2'><body>me again</body></message>", host: room)
            try archive("lobby", "muc_log", "r3", 1_709_280_220, "presence<unavailable",
                        "<presence xmlns='jabber:client' from='lobby@\(room)/Al' type='unavailable'/>", host: room)
            try archive("lobby", "muc_log", "r4", 1_709_280_230, "message<groupchat",
                        "<message xmlns='jabber:client' from='lobby@\(room)/Bo' type='groupchat' id='x4'><body>reply</body>"
                        + "<reply xmlns='urn:xmpp:reply:0' id='r1'/><x xmlns='http://jabber.org/protocol/muc#user'><item jid='bob@example.com/b'/></x></message>", host: room)
        }
        return url
    }

    @Test func archiveAndMucLogConvert() throws {
        let url = try Self.build()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let source = try XMPPServer.prosody.open(database: url.path)
        let result = try XMPPConversion.run(source, options: XMPPOptions(teamName: "prosody"))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.input.messages == 9)
        #expect(Set(result.objects("user").compactMap { $0["username"] as? String }) == ["alice", "bob", "cleo"])
        let lobby = result.objects("channel").first
        #expect(lobby?["display_name"] as? String == "The Lobby" && lobby?["type"] as? String == "O" && lobby?["header"] as? String == "Welcome")
        let direct = result.objects("direct_post")
        #expect(direct.map { $0["message"] as? String } == ["queued", "first!"])
        #expect(direct.first?["create_at"] as? Int == 1_709_279_970_500)
        #expect(direct.last?["edit_at"] != nil)
        let post = try #require(result.objects("post").first { $0["message"] as? String == "hello room" })
        #expect(post["user"] as? String == "alice")
        #expect((post["replies"] as? [[String: Any]])?.first?["user"] as? String == "bob")
        // The nick learned from the first message's muc#user item names the second's author.
        #expect(result.objects("post").first { $0["message"] as? String == "me again" }?["user"] as? String == "alice")
        #expect(result.skippedCount("second stored copy of a 1:1 message (each local participant's archive keeps one)") == 2)
        #expect(result.skippedCount("presence stanza (no message)") == 1)
    }

    @Test func twoRunsAreByteIdentical() throws {
        let url = try Self.build()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let first = try XMPPConversion.run(try XMPPServer.prosody.open(database: url.path), options: XMPPOptions(teamName: "p"))
        let second = try XMPPConversion.run(try XMPPServer.prosody.open(database: url.path), options: XMPPOptions(teamName: "p"))
        defer { first.remove(); second.remove() }
        #expect(try Data(contentsOf: first.package) == Data(contentsOf: second.package))
    }
}
