import Foundation
import Testing
import TestSupport

/// `convert xmpp` and `inspect xmpp` through the real executable on a small XEP-0227 export.
@Suite struct XMPPCLITests {
    static func export(in directory: URL, truncated: Bool = false) throws -> URL {
        let file = directory.appendingPathComponent("export.xml")
        func result(_ id: String, _ stamp: String, _ from: String, _ to: String, _ body: String) -> String {
            "<result xmlns='urn:xmpp:mam:2' id='\(id)'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='\(stamp)'/>"
                + "<message xmlns='jabber:client' from='\(from)' to='\(to)' type='chat' id='m\(id)'><body>\(body)</body></message></forwarded></result>"
        }
        let archive = result("1", "2024-03-01T09:00:00Z", "ann@example.com/a", "ben@example.com", "hello")
            + result("2", "2024-03-02T09:00:00Z", "ben@example.com/b", "ann@example.com", "hi ann")
        var xml = "<server-data xmlns='urn:xmpp:pie:0'><host jid='example.com'>"
            + "<user name='ann'><archive xmlns='urn:xmpp:pie:0#mam'>\(archive)</archive></user>"
            + "<user name='ben'><archive xmlns='urn:xmpp:pie:0#mam'>\(archive)</archive></user>"
            + "<user name='cy'/></host></server-data>"
        if truncated { xml = String(xml.prefix(xml.count - 60)) }
        try Data(xml.utf8).write(to: file)
        return file
    }

    @Test func convertValidatesAndInspectCountsTheSame() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = try Self.export(in: directory)
        let package = directory.appendingPathComponent("xmpp.zip").path
        let report = directory.appendingPathComponent("report.json").path
        let result = try CLIRunner.run(["convert", "xmpp", "--xep0227", export.path, "--team", "jabber",
                                        "--output", package, "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("2 direct posts"), "\(result.stdout)")
        let validation = try CLIRunner.run(["validate", package, "--strict"])
        #expect(validation.status == 0, "\(validation.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect((json?["input"] as? [String: Any])?["messages"] as? Int == 4)

        let inspect = try CLIRunner.run(["inspect", "xmpp", "--xep0227", export.path, "--json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        #expect(summary?["rows"] as? Int == 4)
        #expect(summary?["messages"] as? Int == 2)
        #expect(summary?["duplicateCopies"] as? Int == 2)
        #expect(summary?["users"] as? Int == 3)
        #expect(summary?["firstDay"] as? String == "2024-03-01" && summary?["lastDay"] as? String == "2024-03-02")
    }

    @Test func badInputIsOneLine() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let export = try Self.export(in: directory, truncated: true)
        let package = directory.appendingPathComponent("out.zip")
        let truncated = try CLIRunner.run(["convert", "xmpp", "--xep0227", export.path, "--team", "j", "--output", package.path])
        #expect(truncated.status != 0)
        #expect(truncated.stderr.hasPrefix("error: xep0227: export.xml: line 1, column "), "\(truncated.stderr)")
        #expect(truncated.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: package.path))
        let lenient = try CLIRunner.run(["convert", "xmpp", "--xep0227", export.path, "--team", "j", "--output", package.path, "--lenient"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        let usage = try CLIRunner.run(["convert", "xmpp", "--server", "ejabberd", "--team", "j"])
        #expect(usage.status != 0 && usage.stderr.split(separator: "\n").count == 1, "\(usage.stderr)")
        // A server that cannot be reached: one line naming the database, nothing written.
        let unwritten = directory.appendingPathComponent("unreachable.zip")
        let postgres = try CLIRunner.run(["convert", "xmpp", "--server", "ejabberd", "--database", "postgres://u@h.invalid/db",
                                          "--team", "j", "--output", unwritten.path])
        #expect(postgres.status != 0)
        #expect(postgres.stderr.hasPrefix("error: cannot reach PostgreSQL database db at h.invalid"), "\(postgres.stderr)")
        #expect(postgres.stderr.split(separator: "\n").count == 1, "\(postgres.stderr)")
        #expect(!FileManager.default.fileExists(atPath: unwritten.path))
    }
}

extension XMPPCLITests {
    /// An ejabberd database made with the sqlite3 tool from ejabberd's schema: both stored copies of a
    /// 1:1 message, a room row, a local user without a domain.
    @Test(.enabled(if: ExternalTool.exists("sqlite3")))
    func ejabberdDatabaseConvertsValidatesAndInspects() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("ejabberd.db").path
        let message = "<message xmlns=''jabber:client'' from=''ann@example.com/a'' to=''ben@example.com'' type=''chat'' id=''m1''><body>hello</body></message>"
        let made = try ExternalTool.run("sqlite3", [database, """
            CREATE TABLE users (username text PRIMARY KEY, password text NOT NULL);
            CREATE TABLE archive (username text NOT NULL, timestamp BIGINT UNSIGNED NOT NULL, peer text NOT NULL, bare_peer text NOT NULL,
                xml text NOT NULL, txt text, id INTEGER PRIMARY KEY AUTOINCREMENT, kind text, nick text, origin_id text,
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
            INSERT INTO users VALUES ('ann', 'x'), ('ben', 'x'), ('cy', 'x');
            INSERT INTO archive(username, timestamp, peer, bare_peer, xml, kind) VALUES
              ('ann', 1709280000000000, 'ben@example.com', 'ben@example.com', '\(message)', 'chat'),
              ('ben', 1709280000000042, 'ann@example.com/a', 'ann@example.com', '\(message)', 'chat'),
              ('lounge@conference.example.com', 1709280060000000, 'lounge@conference.example.com/Ben', 'lounge@conference.example.com',
               '<message xmlns=''jabber:client'' from=''lounge@conference.example.com/Ben'' type=''groupchat'' id=''g1''><body>hi all</body></message>',
               'groupchat');
            """])
        #expect(made.status == 0, "\(made.stderr)")
        let package = directory.appendingPathComponent("out.zip").path
        let result = try CLIRunner.run(["convert", "xmpp", "--server", "ejabberd", "--database", database, "--team", "jabber",
                                        "--domain", "example.com", "--output", package])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 posts") && result.stdout.contains("1 direct posts"), "\(result.stdout)")
        let validation = try CLIRunner.run(["validate", package, "--strict"])
        #expect(validation.status == 0, "\(validation.stdout)")
        let inspect = try CLIRunner.run(["inspect", "xmpp", "--server", "ejabberd", "--database", database])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("3 rows → 2 messages, 2024-03-01 to 2024-03-01"), "\(inspect.stdout)")
        #expect(inspect.stdout.contains("duplicate copies of 1:1 messages: 1"))
        #expect(inspect.stdout.contains("1 unlisted rooms"))
    }
}
