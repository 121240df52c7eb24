import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
@testable import XMPPSource

@Suite struct EjabberdConversionTests {
    static func convert(_ built: EjabberdScenario.Built, domain: String? = "example.com", lenient: Bool = true,
                        userMap: UserMapFile = UserMapFile()) throws -> XMPPConversion {
        let source = try EjabberdArchive(database: SQLiteRowReader(path: built.database.url.path))
        return try XMPPConversion.run(source, options: XMPPOptions(teamName: "Jabber Shop", domain: domain, userMap: userMap, lenient: lenient))
    }

    @Test func everyCaseConvertsValidatesAndBalances() throws {
        let built = try EjabberdScenario.build()
        defer { built.database.remove() }
        let result = try Self.convert(built)
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()

        // Every row in is accounted for: 11 messages stored twice, 3 once, 8 room rows, 1 malformed.
        let rows = try built.database.queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM archive") } ?? 0
        #expect(result.report.input.messages == rows)
        #expect(result.summary?.rows == rows)
        #expect(result.summary?.duplicateCopies == 11)
        #expect(result.skippedCount("second stored copy of a 1:1 message (each local participant's archive keeps one)") == 11)

        // Users: one per bare JID; case and resource variants fold; the escaped localpart is decoded;
        // erin never wrote but is an account; the nick-only room author got --domain.
        let users = result.objects("user")
        let byUsername = Dictionary(uniqueKeysWithValues: users.map { ($0["username"] as! String, $0) })
        #expect(Set(byUsername.keys) == ["alice", "bob", "carol", "erin", "dave", "john.doe", "ghost"])
        #expect(byUsername["dave"]?["email"] as? String == "dave@other.org")
        #expect(byUsername["john.doe"]?["email"] as? String == "john.doe@example.com")
        #expect(byUsername["erin"]?["email"] as? String == "erin@example.com")

        // The members-only room: title, purpose from opts, owner as admin; the unlisted room is private.
        let channels = result.objects("channel")
        let dev = channels.first { $0["name"] as? String == "dev" }
        #expect(dev?["display_name"] as? String == "Development")
        #expect(dev?["type"] as? String == "P")
        #expect(dev?["purpose"] as? String == "Café & code")
        #expect(dev?["header"] as? String == "Sprint 11")
        #expect(channels.first { $0["name"] as? String == "lounge" }?["type"] as? String == "P")

        // 1:1 posts: corrected, reacted to, replied to; XHTML → Markdown; /me; oob link; delay stamp.
        let direct = result.objects("direct_post")
        func post(_ text: String) -> [String: Any]? { direct.first { $0["message"] as? String == text } }
        let corrected = try #require(post("Hello, Bob!"))
        #expect(corrected["edit_at"] as? Int64 != nil || corrected["edit_at"] as? Int != nil)
        let reactions = corrected["reactions"] as? [[String: Any]] ?? []
        #expect(Set(reactions.compactMap { $0["emoji_name"] as? String }).count == 2)
        #expect((corrected["replies"] as? [[String: Any]])?.first?["message"] as? String == "Sure!")
        #expect(post("Hello Bob") == nil)
        #expect(post("Hi **there**, see [this](https://example.com/x)") != nil)
        #expect(post("*waves*")?["type"] as? String == "me")
        #expect(post("[report Q1.pdf](https://files.example.com/up/report%20Q1.pdf)") != nil)
        #expect(post("Are you there?")?["create_at"] as? Int == 1_709_276_400_250)
        #expect(post("Yes, on my laptop")?["channel_members"] as? [String] == ["alice", "dave"])
        #expect(post("Escaped hello") != nil)
        #expect((post("Topic A")?["replies"] as? [[String: Any]])?.first?["message"] as? String == "On topic A")
        #expect(post("caf\u{FFFD}") != nil)
        #expect(result.report.changedCount("message", reason: "invalid UTF-8 bytes replaced with U+FFFD") == 1)

        // The room: registered nick → carol, reply threaded under its root, reaction added.
        let posts = result.objects("post")
        let morning = try #require(posts.first { $0["message"] as? String == "Morning all" })
        #expect((morning["replies"] as? [[String: Any]])?.first?["message"] as? String == "Agreed")
        #expect((morning["reactions"] as? [[String: Any]])?.count == 1)
        #expect(posts.first { $0["message"] as? String == "Morning!" }?["user"] as? String == "carol")
        #expect(posts.first { $0["message"] as? String == "Anyone?" }?["user"] as? String == "ghost")

        // Rows that are no post, by reason.
        #expect(result.skippedCount("XEP-0308 correction: applied as an edit of the message it corrects") == 1)
        #expect(result.skippedCount("XEP-0444 reaction: added to the message it reacts to") == 2)
        #expect(result.skippedCount("room subject change (no body)") == 1)
        #expect(result.skippedCount("presence stanza (no message)") == 1)
        #expect(result.skippedCount("no body (chat state, receipt or other notification)") == 1)
        #expect(result.skipped("malformed stanza XML").first?.hasPrefix("archive row id \(built.malformedRowID): malformed stanza XML at line 1") == true)
    }

    @Test func twoRunsAreByteIdentical() throws {
        let built = try EjabberdScenario.build()
        defer { built.database.remove() }
        let first = try Self.convert(built), second = try Self.convert(built)
        defer { first.remove(); second.remove() }
        #expect(try Data(contentsOf: first.package) == Data(contentsOf: second.package))
    }

    @Test func malformedStanzaStopsAStrictRunWithOneLineNamingTheRow() throws {
        let built = try EjabberdScenario.build()
        defer { built.database.remove() }
        do {
            _ = try Self.convert(built, lenient: false)
            Issue.record("a strict run over a malformed stanza must stop")
        } catch let error as XMPPSourceError {
            #expect(error.description.hasPrefix("ejabberd: archive row id \(built.malformedRowID): malformed stanza XML"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func withoutDomainTheLocalDomainComesFromTheStanzas() throws {
        let built = try EjabberdScenario.build()
        defer { built.database.remove() }
        let result = try Self.convert(built, domain: nil)
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        // The users table stores bare localparts; the archive's stanzas say they are @example.com.
        #expect(result.objects("user").filter { ($0["username"] as? String)?.hasPrefix("alice") == true }.count == 1)
        #expect(result.objects("user").first { $0["username"] as? String == "erin" }?["email"] as? String == "erin@example.com")
        #expect(result.report.changed.contains { $0.reason.hasPrefix("no --domain: the local domain example.com") })
    }

    @Test func usersWithoutADomainAreKeptAndReported() throws {
        let db = try EjabberdDatabase()
        defer { db.remove() }
        try db.user("erin")
        try db.groupchat(room: "ops@conference.example.com", nick: "Night Owl", realJID: nil, "<body>anyone?</body>", id: "n1")
        let result = try XMPPConversion.run(try EjabberdArchive(database: SQLiteRowReader(path: db.url.path)), options: XMPPOptions(teamName: "t"))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        let users = result.objects("user")
        #expect(users.first { $0["username"] as? String == "erin" }?["email"] as? String == "erin@fallback.example")
        #expect(users.first { $0["username"] as? String == "night.owl" }?["email"] as? String == "night.owl@fallback.example")
        #expect(result.summary?.usersWithoutDomain == ["erin", "night owl"])
        #expect(result.report.changedCount("user", reason: "JID without a domain (pass --domain); email from --default-email-domain") == 2)
    }

    @Test func userMapOverridesUsernameAndEmail() throws {
        let built = try EjabberdScenario.build()
        defer { built.database.remove() }
        let map = try UserMapFile(csv: "jid,username,email\nDave@Other.org,dave.remote,dave@corp.example\nalice,alice.smith,\n")
        let result = try Self.convert(built, userMap: map)
        defer { result.remove() }
        result.expectValid()
        let users = result.objects("user")
        #expect(users.first { $0["username"] as? String == "dave.remote" }?["email"] as? String == "dave@corp.example")
        #expect(users.first { $0["username"] as? String == "alice.smith" }?["email"] as? String == "alice@example.com")
    }

    @Test func multiHostSchemaTakesTheHostFromServerHost() throws {
        let db = try EjabberdDatabase(multiHost: true)
        defer { db.remove() }
        try db.queue.write { db in
            try db.execute(sql: "INSERT INTO users(username, server_host, password) VALUES ('zoe', 'corp.example', 'x')")
            try db.execute(sql: """
                INSERT INTO archive(username, server_host, timestamp, peer, bare_peer, xml, kind) VALUES
                ('zoe', 'corp.example', 1709280000000000, 'yan@corp.example/a', 'yan@corp.example',
                 '<message xmlns="jabber:client" to="zoe" type="chat" id="z1"><body>no from, no domain</body></message>', 'chat')
                """)
        }
        let source = try EjabberdArchive(database: SQLiteRowReader(path: db.url.path))
        let result = try XMPPConversion.run(source, options: XMPPOptions(teamName: "corp"))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(Set(result.objects("user").compactMap { $0["email"] as? String }) == ["zoe@corp.example", "yan@corp.example"])
        #expect(result.objects("direct_post").first?["user"] as? String == "yan")
    }

    @Test func aFileThatIsNoEjabberdDatabaseIsAOneLineError() throws {
        let db = try EjabberdDatabase()
        defer { db.remove() }
        try db.queue.write { try $0.execute(sql: "DROP TABLE archive") }
        #expect(throws: XMPPSourceError.self) { try EjabberdArchive(database: SQLiteRowReader(path: db.url.path)) }
        #expect(throws: SQLSourceError.self) { try SQLiteRowReader(path: db.url.path + ".missing") }
    }
}

extension EjabberdConversionTests {
    @Test func sinceKeepsLaterMessagesAndCountsTheRest() throws {
        let db = try EjabberdDatabase()
        defer { db.remove() }
        try db.chat(from: "alice@example.com/a", to: "bob@example.com", "<body>old</body>", id: "o")
        db.tick(3 * 86_400)
        try db.chat(from: "alice@example.com/a", to: "bob@example.com", "<body>new</body>", id: "n")
        let since = UTCDay.startMillis("2024-03-02")
        let result = try XMPPConversion.run(try EjabberdArchive(database: SQLiteRowReader(path: db.url.path)),
                                            options: XMPPOptions(teamName: "t", domain: "example.com", since: since))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.objects("direct_post").map { $0["message"] as? String } == ["new"])
        #expect(result.skippedCount("before --since") == 1)
    }
}
