import Foundation
import Testing

/// `convert xmpp --server cisco --tables-dir` and `inspect xmpp` through the real executable, on a
/// Cisco IM&P database exported as one CSV per table.
@Suite struct XMPPCiscoCLITests {
    static func tables(in directory: URL) throws -> URL {
        let tables = directory.appendingPathComponent("tables", isDirectory: true)
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        let files = [
            "tc_rooms.csv": "ROOM_JID,SUBJECT,TYPE,CONFIG\nboard@conference.example.com,Plans,persistent,\n",
            "tc_users.csv": "ROOM_JID,REAL_JID,ROLE,AFFILIATION,NICK_JID\nboard@conference.example.com,ann@example.com,none,owner,board@conference.example.com/Ann\n",
            "tc_msgarchive.csv": "MSG_ID,TO_JID,FROM_JID,SENT_DATE,MSG_TYPE,BODY_STRING\n1,board@conference.example.com,ann@example.com/pc,2016-12-06 14:32:00,g,Morning\n",
            "jm.csv": "TO_JID,FROM_JID,SENT_DATE,MSG_TYPE,DIRECTION,BODY_STRING\n"
                + "ben@example.com,ann@example.com/pc,2016-12-06 15:00:00,c,O,Hi Ben\n"
                + "ben@example.com/phone,ann@example.com/pc,2016-12-06 15:00:00,c,I,Hi Ben\n",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: tables.appendingPathComponent(name)) }
        return tables
    }

    @Test func convertValidatesAndInspectCounts() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tables = try Self.tables(in: directory)
        let package = directory.appendingPathComponent("cisco.zip").path
        let report = directory.appendingPathComponent("report.json").path
        let result = try CLIRunner.run(["convert", "xmpp", "--server", "cisco", "--tables-dir", tables.path, "--files-root", directory.path,
                                        "--team", "jabber", "--output", package, "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        let validation = try CLIRunner.run(["validate", package, "--strict"])
        #expect(validation.status == 0, "\(validation.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        #expect((json?["input"] as? [String: Any])?["messages"] as? Int == 3)

        let inspect = try CLIRunner.run(["inspect", "xmpp", "--server", "cisco", "--tables-dir", tables.path, "--json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        #expect(summary?["rows"] as? Int == 3)
        #expect(summary?["messages"] as? Int == 2)
        #expect(summary?["duplicateCopies"] as? Int == 1)
    }

    @Test func badInputIsOneLine() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tables = try Self.tables(in: directory)
        try Data("TO_JID,FROM_JID,SENT_DATE,MSG_TYPE,DIRECTION,BODY_STRING\nben@example.com,ann@example.com\n".utf8)
            .write(to: tables.appendingPathComponent("jm.csv"))
        let package = directory.appendingPathComponent("out.zip")
        let strict = try CLIRunner.run(["convert", "xmpp", "--server", "cisco", "--tables-dir", tables.path, "--team", "j", "--output", package.path])
        #expect(strict.status != 0)
        #expect(strict.stderr.hasPrefix("error: jm.csv: row 2"), "\(strict.stderr)")
        #expect(strict.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: package.path))
        let lenient = try CLIRunner.run(["convert", "xmpp", "--server", "cisco", "--tables-dir", tables.path, "--team", "j",
                                         "--output", package.path, "--lenient"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        let neither = try CLIRunner.run(["convert", "xmpp", "--server", "cisco", "--team", "j"])
        #expect(neither.status != 0 && neither.stderr.split(separator: "\n").count == 1, "\(neither.stderr)")
        let wrongServer = try CLIRunner.run(["convert", "xmpp", "--server", "ejabberd", "--tables-dir", tables.path, "--team", "j"])
        #expect(wrongServer.status != 0 && wrongServer.stderr.contains("--tables-dir"), "\(wrongServer.stderr)")
    }
}
