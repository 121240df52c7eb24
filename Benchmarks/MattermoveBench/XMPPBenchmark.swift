import Foundation
import MigrationCore
import SourceToolkit
import XMPPSource

/// The XMPP benchmarks (issue 9): a generated ejabberd `archive` in SQLite against `sqlite3 DB
/// "SELECT * FROM archive"` (the read floor), and a generated XEP-0227 file against `cat` (the byte
/// floor), each pair run back to back in child processes measured with `wait4`, so peak RSS is the
/// conversion's own; prints every pair, then the medians with their spread.
enum XMPPBenchmark {
    static let childCommand = "xmpp-convert"

    /// Writes an ejabberd SQLite database of `rows` archive rows: 1:1 messages between 1,000 users
    /// (both local copies), ~5 % XHTML-IM, ~1 % corrections, and room messages in 50 rooms.
    static func generateEjabberd(at url: URL, rows: Int) throws {
        let sql = """
            CREATE TABLE users (username text PRIMARY KEY, password text NOT NULL);
            CREATE TABLE archive (username text NOT NULL, timestamp BIGINT NOT NULL, peer text NOT NULL, bare_peer text NOT NULL,
                xml text NOT NULL, txt text, id INTEGER PRIMARY KEY AUTOINCREMENT, kind text, nick text, origin_id text,
                created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP);
            CREATE INDEX i_timestamp ON archive (timestamp);
            CREATE TABLE muc_room (name text NOT NULL, host text NOT NULL, opts text NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
            INSERT INTO users SELECT 'user' || i, 'x' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows / 2 - 1))
            \(archiveInsert(numbers: "n"));
            """
        let script = url.appendingPathExtension("sql")
        try Data(sql.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let result = try ChildMeasurement.run("/bin/sh", ["-c", "sqlite3 '\(url.path)' < '\(script.path)'"])
        guard result.status == 0 else { throw BenchmarkFailure("sqlite3 failed generating \(url.path)") }
    }

    /// The INSERT that fills `archive` from `numbers`, a row source with column `i` counting from 0
    /// (SQLite's recursive `n`, PostgreSQL's generate_series): half as many message ids as rows.
    static func archiveInsert(numbers: String) -> String {
        """
                INSERT INTO archive(username, timestamp, peer, bare_peer, xml, txt, kind, nick)
                SELECT CASE WHEN i % 10 = 9 THEN 'room' || (i % 50) || '@conference.example.com'
                            WHEN copy.c = 0 THEN 'user' || (i % 1000) ELSE 'user' || ((i * 7) % 1000) END,
                       1600000000000000 + i * 7000000 + copy.c * 41,
                       CASE WHEN i % 10 = 9 THEN 'room' || (i % 50) || '@conference.example.com/nick' || (i % 1000)
                            WHEN copy.c = 0 THEN 'user' || ((i * 7) % 1000) || '@example.com/res' ELSE 'user' || (i % 1000) || '@example.com/res' END,
                       '', '<message xmlns=''jabber:client'' from=''' ||
                       CASE WHEN i % 10 = 9 THEN 'room' || (i % 50) || '@conference.example.com/nick' || (i % 1000) || ''' type=''groupchat'''
                            ELSE 'user' || (i % 1000) || '@example.com/res'' to=''user' || ((i * 7) % 1000) || '@example.com'' type=''chat''' END
                       || ' id=''m' || i || '''><body>Message number ' || i || ' about the quarterly plan, with some more words to be realistic.</body>'
                       || CASE WHEN i % 20 = 3 THEN '<html xmlns=''http://jabber.org/protocol/xhtml-im''><body xmlns=''http://www.w3.org/1999/xhtml''><p>Message <strong>' || i || '</strong></p></body></html>'
                               WHEN i % 100 = 7 THEN '<replace xmlns=''urn:xmpp:message-correct:0'' id=''m' || (i - 1) || '''/>' ELSE '' END
                       || '</message>', '', CASE WHEN i % 10 = 9 THEN 'groupchat' ELSE 'chat' END,
                       CASE WHEN i % 10 = 9 THEN 'nick' || (i % 1000) ELSE '' END
                FROM \(numbers) JOIN (SELECT 0 AS c UNION ALL SELECT 1) copy ON copy.c = 0 OR i % 10 != 9
            """
    }

    /// Writes a XEP-0227 file of about `megabytes` MB: users with a MAM archive of 200 chat messages
    /// each, to 5 correspondents (~5 % XHTML-IM), written as it goes (never held whole).
    static func generatePIEFXIS(at url: URL, megabytes: Int) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = "<?xml version='1.0' encoding='UTF-8'?>\n<server-data xmlns='urn:xmpp:pie:0'><host jid='example.com'>\n"
        var written = 0, message = 0
        let target = megabytes * 1_000_000
        var user = 0
        let formatter = ISO8601DateFormatter()
        while written + buffer.utf8.count < target {
            buffer += "<user name='user\(user % 1000)-\(user / 1000)'><archive xmlns='urn:xmpp:pie:0#mam'>\n"
            for _ in 0..<200 {
                message += 1
                let seconds = 1_600_000_000 + message * 7
                let stamp = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
                let xhtml = message % 20 == 3
                    ? "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p>Message <strong>\(message)</strong></p></body></html>" : ""
                buffer += "<result xmlns='urn:xmpp:mam:2' id='a\(message)'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='\(stamp)'/>"
                    + "<message xmlns='jabber:client' from='user\(user % 1000)-\(user / 1000)@example.com/res' to='peer\((user * 7 + message % 5) % 997)@other.example' type='chat' id='m\(message)'>"
                    + "<body>Message number \(message) about the quarterly plan, with some more words to be realistic.</body>\(xhtml)</message></forwarded></result>\n"
            }
            buffer += "</archive></user>\n"
            user += 1
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                written += buffer.utf8.count
                buffer = ""
            }
        }
        buffer += "</host></server-data>\n"
        try handle.write(contentsOf: Data(buffer.utf8))
    }
}

/// Generates (or reuses) the input and prints `pairs` paired measurements (floor, then conversion) and their medians.
func runXMPPBenchmark(kind: String, size: Int, pairs: Int) throws {
    let temp = FileManager.default.temporaryDirectory
    let input: URL, floorArguments: (String, [String]), childArguments: [String]
    if kind == "ejabberd" {
        input = temp.appendingPathComponent("xmpp-bench-ejabberd-\(size).sqlite")
        if !FileManager.default.fileExists(atPath: input.path) { try XMPPBenchmark.generateEjabberd(at: input, rows: size) }
        floorArguments = ("/usr/bin/sqlite3", [input.path, "SELECT * FROM archive"])
        childArguments = ["--ejabberd", input.path]
    } else {
        input = temp.appendingPathComponent("xmpp-bench-\(size)mb.xml")
        if !FileManager.default.fileExists(atPath: input.path) { try XMPPBenchmark.generatePIEFXIS(at: input, megabytes: size) }
        floorArguments = ("/usr/bin/cat", [input.path])
        childArguments = ["--xep0227", input.path]
    }
    let bytes = (try FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
    print("input \(input.lastPathComponent): \(bytes / 1_000_000) MB")
    let output = temp.appendingPathComponent("xmpp-bench-out-\(getpid()).zip")
    defer { try? FileManager.default.removeItem(at: output) }
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
    try runPairedBenchmark(pairs: pairs, floorName: (floorArguments.0 as NSString).lastPathComponent,
                           floor: { try ChildMeasurement.run(floorArguments.0, floorArguments.1, keepOutput: false) },
                           conversion: { try ChildMeasurement.run(me, [XMPPBenchmark.childCommand] + childArguments + [output.path]) })
}

/// The child side: converts the input to `output` and prints counts.
func runXMPPConversionForBenchmark(ejabberd: String?, xep0227: String?, output: URL) throws {
    let source: any XMPPArchiveSource = try XMPPInput.open(server: ejabberd == nil ? nil : .ejabberd, database: ejabberd, xep0227: xep0227)
    let reader = XMPPArchiveReader(source: source, options: XMPPOptions(teamName: "bench", lenient: true))
    let report = try ConversionRunner.run(reader, output: output, options: ExportOptions(defaultEmailDomain: "example.com"),
                                          phaseFinished: printPhase)
    let o = report.output
    print("rows=\(report.input.messages) posts=\(o.posts) replies=\(o.replies) direct_posts=\(o.directPosts) skipped=\(report.skippedCount("messages"))")
}
