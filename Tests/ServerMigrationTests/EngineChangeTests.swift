import TestSupport
import DatabaseClients
import MattermostImport
import Foundation
import Testing
@testable import ServerMigration

/// MySQL/MariaDB → PostgreSQL with `server migrate` (issue 11), on Mattermost's real schemas built
/// from the fixtures' migrations, against real MariaDB and PostgreSQL servers.
extension ServerMoveEndToEndTests {
    @Test("MariaDB → PostgreSQL: every core table verifies, with each conversion and fix", .enabled(if: MattermostFixtureSchema.isAvailable))
    func engineChangeRoundTrip() async throws {
        try await expectEngineChange(bitnami: false)
    }

    @Test("Bitnami lower-case MariaDB → PostgreSQL: every core table verifies", .enabled(if: MattermostFixtureSchema.isAvailable))
    func engineChangeBitnamiRoundTrip() async throws {
        try await expectEngineChange(bitnami: true)
    }

    private func expectEngineChange(bitnami: Bool) async throws {
        let scenario = try EngineChangeScenario.make(bitnami ? "ec_bitnami" : "ec_plain", bitnami: bitnami, posts: 2_000)
        defer { scenario.remove() }
        let lines = LogLines()
        let result = try await scenario.migrate(log: lines.log)
        let log = lines.all.joined(separator: "\n")
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        #expect(result.verification.tablesChecked == 71)
        #expect(result.verificationTable?.contains("posts") == true && result.verificationTable?.contains("DIFFERS") == false)

        // Counts of every core table, read by each database itself.
        for table in try scenario.postgres("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'db_migrations'").split(separator: "\n") {
            let canonical = MattermostTableNames.canonicalByLowercase[String(table)] ?? String(table)
            let sourceCount = try scenario.mysql("SELECT COUNT(*) FROM `\(scenario.sourceTable(canonical))`")
            #expect(try scenario.postgres("SELECT count(*) FROM \(table)") == sourceCount, "rows of \(table)")
        }
        #expect(try scenario.postgres("SELECT count(*) FROM posts") == "2000")

        let p = { (n: Int) in MattermostData.id("p", n) }
        // Booleans from tinyint(1) and the tinyint(4) Scheme* flags (4 is true, NULL stays NULL).
        #expect(try scenario.postgres("SELECT ispinned, hasreactions FROM posts WHERE id = '\(p(0))'") == "t|t")
        #expect(try scenario.postgres("SELECT count(*) FROM channelmembers WHERE schemeadmin") == "4")
        #expect(try scenario.postgres("SELECT count(*) FROM channelmembers WHERE schemeguest IS NULL") == "4")
        // jsonb: \u0000 removed; a literal backslash-u0000 kept; numbers and keys as jsonb stores them.
        #expect(try scenario.postgres("SELECT props->>'bad', props->>'é' FROM posts WHERE id = '\(p(0))'") == "ab|é")
        #expect(try scenario.postgres("SELECT props->>'text' FROM posts WHERE id = '\(p(2))'") == #"keep \u0000 this"#)
        #expect(try scenario.postgres("SELECT message FROM posts WHERE id = '\(p(2))'") == EngineChangeData.literalEscapeMessage)
        #expect(try scenario.postgres("SELECT message FROM posts WHERE id = '\(p(3))'") == "nulbyte")
        // varchar(n) cuts by characters, no ellipsis; each cut reported with table, column and row id.
        #expect(try scenario.postgres("SELECT hashtags = left(\(SQLText.postgresLiteral(EngineChangeData.overlongHashtags)), 1000) FROM posts WHERE id = '\(p(1))'") == "t")
        #expect(log.contains("posts.hashtags row \(p(1)): cut to the column's length (1200 → 1000 characters)"))
        #expect(log.contains("posts.props row \(p(0)): \\u0000 removed"))
        #expect(log.contains("posts.message row \(p(3)): \\u0000 removed"))
        #expect(log.contains("fileinfo.path row \(MattermostData.id("f", 0)): cut"))
        #expect(log.contains("linkmetadata.url row 42: cut"))
        #expect(log.contains("channels.header row \(MattermostData.id("c", 0)): cut"))
        // Drafts/ScheduledPosts.Props: varchar, byte for byte.
        #expect(try scenario.postgres("SELECT props FROM drafts") == EngineChangeData.draftProps)
        #expect(try scenario.postgres("SELECT props FROM scheduledposts") == EngineChangeData.draftProps)
        // Array, enum types, bigint → integer (out of range clamped and reported), bytea byte for byte.
        #expect(try scenario.postgres("SELECT ids[2] FROM retentionidsfordeletion") == p(9))
        #expect(try scenario.postgres("SELECT granttype FROM outgoingoauthconnections") == "client_credentials")
        #expect(try scenario.postgres("SELECT string_agg(type::text, ',' ORDER BY type::text) FROM channels") == "D,G,O,P")
        #expect(try scenario.postgres("SELECT max(sortorder) FROM channelbookmarks") == "2147483647")
        #expect(log.contains("channelbookmarks.sortorder row \(MattermostData.id("b", 1)): number out of the column's range clamped"))
        #expect(try scenario.postgres("SELECT encode(minipreview, 'hex') FROM fileinfo") == "00ff5c0a0d09")
        #expect(try scenario.postgres("SELECT encode(pvalue, 'hex') FROM pluginkeyvaluestore WHERE pkey = 'key'") == "000102fffe5c")
        // NOT NULL on PostgreSQL, NULL on MySQL: filled and reported.
        #expect(try scenario.postgres("SELECT createat FROM propertyfields") == "0")
        #expect(log.contains("propertyfields.createat row \(MattermostData.id("pf", 0)): NULL in a NOT NULL column"))
        // Systems: the source's rows replace those the destination's migrations wrote.
        #expect(try scenario.postgres("SELECT value FROM systems WHERE name = 'DiagnosticId'") == "diag-source-id-0123456789")
        // db_migrations untouched (names differ at 92); plugin tables and leftovers reported, not invented.
        #expect(try scenario.postgres("SELECT name FROM db_migrations WHERE version = 92") == "add_createat_to_teamembers")
        #expect(try scenario.postgres("SELECT count(*) FROM pg_tables WHERE tablename IN ('ir_incident', 'focalboard_blocks', 'schema_migrations', 'db_lock', 'mattermove_engine_change')") == "0")
        for object in ["IR_Incident: not copied: plugin table", "focalboard_blocks: not copied: plugin table", "schema_migrations: not copied", "db_lock: not copied",
                       "MigrateLeftover: procedure not copied"] {
            #expect(log.lowercased().contains(object.lowercased()), "policy line for \(object)")
        }
        // Secondary indexes dropped for the load are back, the full-text ones included.
        #expect(try scenario.postgres("SELECT count(*) FROM pg_indexes WHERE indexname IN ('idx_posts_message_txt', 'idx_fileinfo_content_txt', 'idx_posts_channel_id_update_at')") == "3")
        #expect(try scenario.postgres("SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'")
            == (try scenario.servers.postgres.admin(MattermostFixtureSchema.postgresTemplate, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'").trimmingCharacters(in: .whitespacesAndNewlines)))
        // Materialized views (five at this schema version) hold the moved rows, not the empty tables they were built over.
        #expect(try scenario.postgres("SELECT string_agg(matviewname, ',' ORDER BY matviewname) FROM pg_matviews WHERE schemaname = 'public'")
            == "attributeview,bot_posts_by_team_day,file_stats,posts_by_team_day,poststats")
        #expect(try scenario.postgres("SELECT sum(numposts) FROM poststats") == "2000")
        #expect(try scenario.postgres("SELECT sum(num) FROM posts_by_team_day") == (try scenario.postgres("SELECT count(*) FROM posts p JOIN channels c ON c.id = p.channelid")))
        #expect(try scenario.postgres("SELECT sum(num) FROM bot_posts_by_team_day") == "1")
        #expect(try scenario.postgres("SELECT num, usage FROM file_stats") == "1|1234")
        #expect(try scenario.postgres("SELECT attributes->>'Department' FROM attributeview") == "Sales")
        #expect(log.contains("refreshed 5 materialized views (attributeview, bot_posts_by_team_day, file_stats, posts_by_team_day, poststats)"))
        // config.json: the source's settings with the destination's postgres driver and DSN; files copied.
        let settings = try scenario.destination.settings()
        #expect(settings["SqlSettings"]?["DriverName"] as? String == "postgres")
        #expect(settings["SqlSettings"]?["DataSource"] as? String == scenario.servers.postgres.dataSource(database: scenario.destinationDatabase))
        #expect(settings["FileSettings"]?["PublicLinkSalt"] as? String == "public-link-source-salt")
        #expect(result.verification.filesChecked == 1)
        // No password in anything printed.
        #expect(!log.contains(scenario.servers.mariadb.password) && !log.contains(scenario.servers.postgres.password))
        #expect(log.contains("moved ") && log.contains("values fixed"))
    }

    @Test("engine change refuses a schema-version mismatch and a non-empty destination without --force", .enabled(if: MattermostFixtureSchema.isAvailable))
    func engineChangeRefusals() async throws {
        let scenario = try EngineChangeScenario.make("ec_refuse")
        defer { scenario.remove() }
        try scenario.postgres("DELETE FROM db_migrations WHERE version = 141")
        let mismatch = await expectFailure { _ = try await scenario.migrate() }
        #expect(mismatch.contains("source") && mismatch.contains("version 141") && mismatch.contains("version 140") && !mismatch.contains("\n"))
        try scenario.postgres("INSERT INTO db_migrations VALUES (141, 'add_remoteid_channelid_to_post_acknowledgements')")

        try scenario.postgres("INSERT INTO teams (id, name, type) VALUES ('existing', 'existing', 'O')")
        let occupied = await expectFailure { _ = try await scenario.migrate() }
        #expect(occupied.contains("not empty") && occupied.contains("teams") && occupied.contains("--force") && !occupied.contains("\n"))
        #expect(try scenario.postgres("SELECT count(*) FROM teams") == "1")
        let forced = try await scenario.migrate(force: true)
        #expect(forced.verification.isClean, "\(forced.verification.renderedDifferences())")
        #expect(try scenario.postgres("SELECT count(*) FROM teams WHERE id = 'existing'") == "0")

        // A wrong value in any column changes the table's checksum (here a boolean flipped).
        let catalog = try await EngineChangeCatalog.read(source: try #require(try makeDatabaseClient(try scenario.source.config().database()) as? MySQLClient),
                                                         destination: try #require(try makeDatabaseClient(try scenario.destination.config().database()) as? PostgresClient))
        let posts = try #require(catalog.plans.first { $0.targetName == "posts" })
        let query = RowChecksum.postgresQuery(table: "posts", columns: posts.columns)
        let before = try scenario.postgres(query)
        try scenario.postgres("UPDATE posts SET ispinned = NOT ispinned WHERE id = '\(MattermostData.id("p", 0))'")
        #expect(try scenario.postgres(query) != before)
    }

    @Test("engine change with a wrong source password fails in one line without the secret", .enabled(if: MattermostFixtureSchema.isAvailable))
    func engineChangeWrongPassword() async throws {
        let wrong = "wr0ng-Pässword!"
        let scenario = try EngineChangeScenario.make("ec_password", sourcePassword: wrong)
        defer { scenario.remove() }
        let message = await expectFailure { _ = try await scenario.migrate() }
        #expect(message.contains("cannot log in") && !message.contains(wrong) && !message.contains("\n"))
        #expect(try scenario.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'mattermove_engine_change'") == "0")
    }
}

extension ServerMoveEndToEndTests {
    @Test(
        "engine change killed with SIGKILL mid-copy leaves no table looking done, and a rerun completes and verifies",
        .enabled(if: MattermostFixtureSchema.isAvailable && CLI.path != nil, "needs the fixtures and the mattermove executable")
    )
    func engineChangeKilledMidCopyThenRerun() async throws {
        let scenario = try EngineChangeScenario.make("ec_killed", posts: 60_000)
        defer { scenario.remove() }
        let pid = try TestProcess.spawn(CLI.path!, ["server", "migrate", "--from", scenario.source.configPath, "--to", scenario.destination.configPath])
        var killed = false
        var status: Int32 = 0
        for _ in 0..<3000 {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            // Midway: some tables committed, posts still streaming.
            let state = try? scenario.postgres("""
                SELECT count(*), count(*) FILTER (WHERE name = 'posts') FROM mattermove_engine_change WHERE kind = 'done'
                """)
            if let state, let done = Int(state.split(separator: "|").first ?? ""), done >= 30, state.hasSuffix("|0") {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                killed = true
                break
            }
            usleep(20_000)
        }
        #expect(killed && (status & 0x7f) == SIGKILL)
        // The interrupted table rolled back with its marker: nothing half-copied looks done.
        #expect(try scenario.postgres("SELECT count(*) FROM mattermove_engine_change WHERE kind = 'done' AND name = 'posts'") == "0")
        #expect(try scenario.postgres("SELECT count(*) FROM posts") == "0")

        let lines = LogLines()
        let result = try await scenario.migrate(log: lines.log)
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        #expect(lines.all.contains { $0.hasPrefix("resuming an interrupted move") })
        #expect(try scenario.postgres("SELECT count(*) FROM posts") == "60000")
        #expect(try scenario.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'mattermove_engine_change'") == "0")
        #expect(try scenario.postgres("SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_posts_message_txt'") == "1")
    }

    @Test(
        "engine change warns when the source database is in use, and copies one snapshot while a client keeps writing",
        .enabled(if: MattermostFixtureSchema.isAvailable)
    )
    func engineChangeWarnsWhileSourceIsWritten() async throws {
        let scenario = try EngineChangeScenario.make("ec_running", posts: 20_000)
        defer { scenario.remove() }
        // A server left running: a connection to the source that keeps writing, each transaction a
        // post together with its thread row (posts are read before threads).
        let now = EngineChangeData.now
        let writes = (0..<30_000).map { n in
            let post = "live" + String(repeating: "0", count: 22 - String(n).count) + String(n)
            return "START TRANSACTION; INSERT INTO Posts (Id, CreateAt, UpdateAt, DeleteAt, UserId, ChannelId, RootId, OriginalId, Message, Type, Props, Hashtags, Filenames, FileIds, HasReactions, EditAt, IsPinned) "
                + "VALUES ('\(post)', \(now), \(now), 0, '\(MattermostData.id("u", 1))', '\(MattermostData.id("c", 0))', '', '', 'live \(n)', '', '{}', '', '[]', '[]', 0, 0, 0); "
                + "INSERT INTO Threads (PostId, ReplyCount, LastReplyAt, Participants, ChannelId, ThreadDeleteAt, ThreadTeamId) "
                + "VALUES ('\(post)', 0, \(now), '[]', '\(MattermostData.id("c", 0))', 0, '\(MattermostData.id("t", 0))'); COMMIT; DO SLEEP(0.005);\n"
        }.joined()
        let script = try TestProcess.makeTemporaryDirectory("mattermove-writer") + "/writes.sql"
        defer { try? FileManager.default.removeItem(atPath: (script as NSString).deletingLastPathComponent) }
        try writes.write(toFile: script, atomically: true, encoding: .utf8)
        let writer = try TestProcess.spawn(TestMariaDB.clientPath!, ["--no-defaults", "-S", scenario.servers.mariadb.socket, "-u", "root", scenario.sourceDatabase],
                                           standardInput: script)
        var writerStopped = false
        func stopWriter() {
            guard !writerStopped else { return }
            writerStopped = true
            kill(writer, SIGKILL)  // the client waits out its script on SIGTERM; the server rolls back its open transaction
            var status: Int32 = 0
            waitpid(writer, &status, 0)
        }
        defer { stopWriter() }
        for _ in 0..<500 {
            if (Int(try scenario.mysql("SELECT COUNT(*) FROM Posts WHERE Id LIKE 'live%'")) ?? 0) > 0 { break }
            usleep(20_000)
        }

        let lines = LogLines()
        let result = try await scenario.migrate(log: lines.log)
        let copied = try scenario.postgres("SELECT count(*) FROM posts WHERE id LIKE 'live%'")
        stopWriter()
        #expect(lines.all.contains("warning: 1 other connection(s) use the source database; is the Mattermost server still running? Stop it first: changes made during the move are not copied"))
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        // One snapshot: every copied live post has its thread row and no thread lacks its post, although
        // the two tables were read at different times while the writer went on.
        #expect(try scenario.postgres("SELECT count(*) FROM threads WHERE postid LIKE 'live%'") == copied)
        #expect(try scenario.postgres("SELECT count(*) FROM threads t LEFT JOIN posts p ON p.id = t.postid WHERE t.postid LIKE 'live%' AND p.id IS NULL") == "0")
        // The writer wrote before the snapshot (some copied) and after it (more in the source than copied).
        let written = try scenario.mysql("SELECT COUNT(*) FROM Posts WHERE Id LIKE 'live%'")
        #expect((Int(copied) ?? 0) > 0 && (Int(written) ?? 0) > (Int(copied) ?? 0), "copied \(copied) of \(written) live posts")
    }

    @Test("jsonb text rendering matches PostgreSQL's own jsonb output", .enabled(if: MattermostFixtureSchema.isAvailable))
    func jsonbRenderingMatchesPostgres() throws {
        let servers = try TestServers.servers
        let samples = [#"{"b":1,"a":2,"aa":{"z":[1,2.50,-0,1e2,1E-3,0.000,12.5e1]}}"#, #"{"x":"tab\there \"q\" \\ \u00e9 \ud83c\udf89 \u001f"}"#,
                       #"[true,false,null,"",{}]"#, #"{"dup":1,"dup":2}"#, #"-12.340e-2"#, #""plain""#]
        for sample in samples {
            let expected = try servers.postgres.admin("postgres", "SELECT \(SQLText.postgresLiteral(sample))::jsonb::text").trimmingCharacters(in: .newlines)
            #expect(JSONBText.render(try JSONParser.parseKeepingNumberText(Array(sample.utf8))) == expected, "\(sample)")
            var fast = JSONBFastText(), text: [UInt8] = []
            if Array(sample.utf8).withUnsafeBufferPointer({ fast.render($0, into: &text) }) {
                #expect(String(decoding: text, as: UTF8.self) == expected, "fast path: \(sample)")
            }
        }
    }
}

/// Conversions the real databases cannot easily be made to hold (MariaDB rejects invalid UTF-8 in
/// utf8mb4 columns; core tables have no dates), on the converter itself.
@Suite struct FieldConverterTests {
    private func convert(_ value: [UInt8]?, _ kind: TargetKind, notNull: Bool = false) -> (copy: String, normalised: String?, fixes: [EngineChangeFix.Kind]) {
        let converter = FieldConverter(mapping: ColumnMapping(sourceName: "c", sourceType: "text", targetName: "c", kind: kind, notNull: notNull))
        var copy: [UInt8] = []
        var normalised: [UInt8]?
        var fixes: [EngineChangeFix.Kind] = []
        converter.convert(value, copy: &copy, normalised: &normalised) { kind, _ in fixes.append(kind) }
        return (String(decoding: copy, as: UTF8.self), normalised.map { String(decoding: $0, as: UTF8.self) }, fixes)
    }

    @Test func invalidUTF8IsReplacedAndReported() {
        let result = convert([0x61, 0xC3, 0x28, 0x62], .text(maximumCharacters: nil))
        #expect(result.copy == "a\u{FFFD}(b" && result.fixes == [.invalidUTF8Replaced])
    }

    @Test func zeroDatesBecomeNullOrEpoch() {
        #expect(convert(Array("0000-00-00 00:00:00".utf8), .timestamp).copy == "\\N")
        #expect(convert(Array("0000-00-00 00:00:00".utf8), .timestamp, notNull: true).copy == "1970-01-01 00:00:00")
        #expect(convert(Array("2024-02-29 10:00:00".utf8), .timestamp).fixes.isEmpty)
    }

    @Test func truncationCountsCharactersNotBytes() {
        let result = convert(Array("ü🎉ab".utf8), .text(maximumCharacters: 2))
        #expect(result.copy == "ü🎉" && result.fixes == [.truncated])
    }

    @Test func invalidJSONIsKeptAsAString() {
        let result = convert(Array("not json".utf8), .jsonb)
        #expect(result.copy == "\"not json\"" && result.fixes == [.invalidJSONWrapped])
    }

    /// The fast path (straight from the row buffer) must give byte for byte what the general path
    /// gives, COPY field and checksum field alike, or decline.
    @Test func fastPathEqualsGeneralPath() {
        let json = [#"{"b":1,"a":2,"aa":{"z":[1,2,-0,0,10]}}"#, #"{"x":"tab\there \"q\" \\ \u00e9 \ud83c\udf89 \u001f \/"}"#,
                    #"[true,false,null,"",{}]"#, #"{"dup":1,"dup":2,"a":3,"dup":{"k":[]}}"#, #" { "n" : 12 , "from_bot" : "false" } "#,
                    #"{"from_bot":"false","n":12}"#, #"{"é":"\u00e9","e":"ü🎉","ee":{"b":{"d":1,"c":2},"a":[{"y":1,"x":2}]}}"#,
                    #""plain""#, "-12", "0", "[1,2.5]", #"{"k":1e2}"#, #"{"a":"x\u0000y"}"#, #"{"a":"\ud83c"}"#, #"{"k\u00e9":1}"#,
                    "{\"a\":\"raw\ttab\"}", #"{"a":1,}"#, "[01]", #"{"a" 1}"#, "nul", "", "[1,2", #"{"a":-}"#, "\u{1}"]
        let text = ["", "plain ascii", "ü🎉 emoji", "tab\tnew\nline\rback\\slash", "nul\u{0}byte", String(repeating: "é", count: 5)]
        var samples: [([UInt8]?, TargetKind, Bool)] = json.map { (Array($0.utf8), .jsonb, false) }
        samples += text.flatMap { value in [(Array(value.utf8), TargetKind.text(maximumCharacters: nil), false), (Array(value.utf8), .text(maximumCharacters: 5), false),
                                            (Array(value.utf8), .other, false), (Array(value.utf8), .timestamp, false)] }
        samples += ["0", "1", "4", "", "true"].map { (Array($0.utf8), .boolean, false) }
        samples += ["0", "-0", "42", "-42", "007", "2147483648", "-2147483648", "9223372036854775807", "99999999999999999999", "1.5", "+1", "-"]
            .map { (Array($0.utf8), .integer(minimum: Int64(Int32.min), maximum: Int64(Int32.max)), false) }
        samples += ["O", "P", "X", "o"].map { (Array($0.utf8), .enumeration(labels: ["O", "P"]), false) }
        samples += [(nil, .text(maximumCharacters: nil), false), (nil, .jsonb, true), (nil, .boolean, false), (Array("[\"a\"]".utf8), .textArray, false)]
        samples.append((Array("0000-00-00 00:00:00".utf8), .timestamp, false))
        samples.append(([0x61, 0xC3, 0x28], .text(maximumCharacters: nil), false))
        samples.append(([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0x22, 0x7D], .jsonb, false))
        var fastCount = 0
        var scratch = FieldConverter.FastPathScratch()
        for (value, kind, notNull) in samples {
            let converter = FieldConverter(mapping: ColumnMapping(sourceName: "c", sourceType: "text", targetName: "c", kind: kind, notNull: notNull))
            var fastCopy: [UInt8] = [], fastChecksum: [UInt8] = []
            let fast = value.map { bytes in
                bytes.withUnsafeBufferPointer { converter.convertFast($0, copy: &fastCopy, checksumRow: &fastChecksum, scratch: &scratch) }
            } ?? converter.convertFast(nil, copy: &fastCopy, checksumRow: &fastChecksum, scratch: &scratch)
            let label = "\(kind) \(value.map { String(decoding: $0, as: UTF8.self) } ?? "NULL")"
            guard fast else {
                #expect(fastCopy.isEmpty && fastChecksum.isEmpty, "declined but wrote: \(label)")
                continue
            }
            fastCount += 1
            var copy: [UInt8] = [], normalised: [UInt8]?, checksum: [UInt8] = [], fixes = 0
            converter.convert(value, copy: &copy, normalised: &normalised) { _, _ in fixes += 1 }
            RowChecksum.appendField(normalised, to: &checksum)
            #expect(fixes == 0, "fast path taken for a value that needs a fix: \(label)")
            #expect(String(decoding: fastCopy, as: UTF8.self) == String(decoding: copy, as: UTF8.self), "COPY field: \(label)")
            #expect(String(decoding: fastChecksum, as: UTF8.self) == String(decoding: checksum, as: UTF8.self), "checksum field: \(label)")
        }
        // The common shapes do take the fast path (unsorted, duplicate and nested keys, escapes included).
        #expect(fastCount >= 35, "fast path taken \(fastCount) times")
    }

    @Test func copyEscapesControlCharacters() {
        #expect(convert(Array("a\\b\nc\rd\te".utf8), .text(maximumCharacters: nil)).copy == "a\\\\b\\nc\\rd\\te")
    }
}
