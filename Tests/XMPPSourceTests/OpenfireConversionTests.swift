import Foundation
import GRDB
import Testing
import TestSupport
@testable import XMPPSource

/// A real SQLite database with Openfire's tables (core schema 41 and the Monitoring plugin's), filled
/// as Openfire writes them: CHAR(15) zero-padded ms strings in the core tables, BIGINT ms in the
/// plugin's, affiliation codes, rows with and without a stored stanza, subject rows.
@Suite struct OpenfireConversionTests {
    static func build() throws -> URL {
        let url = try TemporaryDirectory.make("openfire").appendingPathComponent("openfire.sqlite")
        let queue = try DatabaseQueue(path: url.path)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE ofUser (username VARCHAR(64) NOT NULL PRIMARY KEY, plainPassword VARCHAR(32), encryptedPassword VARCHAR(255),
                    name VARCHAR(100), email VARCHAR(100), creationDate CHAR(15) NOT NULL, modificationDate CHAR(15) NOT NULL);
                CREATE TABLE ofProperty (name VARCHAR(100) NOT NULL PRIMARY KEY, propValue TEXT NOT NULL, encrypted INTEGER, iv CHAR(24));
                CREATE TABLE ofMucService (serviceID INTEGER NOT NULL, subdomain VARCHAR(255) NOT NULL PRIMARY KEY, description VARCHAR(255), isHidden INTEGER NOT NULL);
                CREATE TABLE ofMucRoom (serviceID INTEGER NOT NULL, roomID INTEGER NOT NULL, creationDate CHAR(15) NOT NULL,
                    modificationDate CHAR(15) NOT NULL, name VARCHAR(50) NOT NULL, naturalName VARCHAR(255) NOT NULL,
                    description VARCHAR(255), lockedDate CHAR(15) NOT NULL, emptyDate CHAR(15), canChangeSubject INTEGER NOT NULL,
                    maxUsers INTEGER NOT NULL, publicRoom INTEGER NOT NULL, moderated INTEGER NOT NULL, membersOnly INTEGER NOT NULL,
                    canInvite INTEGER NOT NULL, roomPassword VARCHAR(50), canDiscoverJID INTEGER NOT NULL, logEnabled INTEGER NOT NULL,
                    subject VARCHAR(100), rolesToBroadcast INTEGER NOT NULL, useReservedNick INTEGER NOT NULL,
                    canChangeNick INTEGER NOT NULL, canRegister INTEGER NOT NULL, allowpm INTEGER, PRIMARY KEY (serviceID, name));
                CREATE TABLE ofMucAffiliation (roomID INTEGER NOT NULL, jid VARCHAR(1024) NOT NULL, affiliation INTEGER NOT NULL);
                CREATE TABLE ofMucMember (roomID INTEGER NOT NULL, jid VARCHAR(1024) NOT NULL, nickname VARCHAR(255),
                    firstName VARCHAR(100), lastName VARCHAR(100), url VARCHAR(100), email VARCHAR(100), faqentry VARCHAR(100));
                CREATE TABLE ofMucConversationLog (roomID INTEGER NOT NULL, messageID INTEGER NOT NULL, sender VARCHAR(1024) NOT NULL,
                    nickname VARCHAR(255), logTime CHAR(15) NOT NULL, subject VARCHAR(255), body TEXT, stanza TEXT);
                CREATE TABLE ofConversation (conversationID INTEGER NOT NULL PRIMARY KEY, room VARCHAR(1024), isExternal INTEGER NOT NULL,
                    startDate BIGINT NOT NULL, lastActivity BIGINT NOT NULL, messageCount INTEGER NOT NULL);
                CREATE TABLE ofMessageArchive (messageID BIGINT, conversationID BIGINT NOT NULL, fromJID VARCHAR(1024) NOT NULL,
                    fromJIDResource VARCHAR(1024), toJID VARCHAR(1024) NOT NULL, toJIDResource VARCHAR(1024), sentDate BIGINT NOT NULL,
                    stanza TEXT, body TEXT, isPMforJID VARCHAR(1024));
                INSERT INTO ofProperty VALUES ('xmpp.domain', 'corp.example', 0, NULL);
                INSERT INTO ofUser VALUES ('ann', NULL, 'x', 'Ann Smith', 'ann@mail.example', '001357559471000', '001357559471000');
                INSERT INTO ofUser VALUES ('ben', NULL, 'x', 'Ben', 'ben@mail.example', '001357559471000', '001357559471000');
                INSERT INTO ofMucService VALUES (1, 'conference', NULL, 0);
                INSERT INTO ofMucRoom VALUES (1, 7, '001357559471000', '001357559471000', 'board', 'The Board', 'Directors only',
                    '000000000000000', NULL, 0, 30, 1, 0, 1, 0, NULL, 1, 1, 'Q1 plans', 0, 0, 1, 1, 1);
                INSERT INTO ofMucAffiliation VALUES (7, 'ann@corp.example', 10), (7, 'ben@corp.example', 30), (7, 'eve@corp.example', 40);
                INSERT INTO ofMucMember VALUES (7, 'cid@corp.example', 'Cid', NULL, NULL, NULL, NULL, NULL);
                INSERT INTO ofConversation VALUES (1, NULL, 0, 1357559471000, 1357559480000, 2), (2, 'board@conference.corp.example', 0, 1357559500000, 1357559500000, 1);
                INSERT INTO ofMessageArchive VALUES (1, 1, 'ann@corp.example', 'pc', 'ben@corp.example', NULL, 1357559471000,
                    '<message xmlns="jabber:client" from="ann@corp.example/pc" to="ben@corp.example" type="chat" id="o1"><body>Hi Ben</body></message>', 'Hi Ben', NULL);
                INSERT INTO ofMessageArchive VALUES (2, 1, 'ben@corp.example', 'mobile', 'ann@corp.example', NULL, 1357559480000, NULL, 'No stanza kept, <b>raw</b> & all', NULL);
                INSERT INTO ofMessageArchive VALUES (3, 2, 'ann@corp.example', 'pc', 'board@conference.corp.example', NULL, 1357559500000, NULL, 'In the room', NULL);
                INSERT INTO ofMucConversationLog VALUES (7, 1, 'ann@corp.example/pc', 'Ann', '001357559500000', NULL, 'In the room',
                    '<message xmlns="jabber:client" from="board@conference.corp.example/Ann" type="groupchat" id="r1"><body>In the room</body></message>');
                INSERT INTO ofMucConversationLog VALUES (7, 2, 'ben@corp.example/mobile', 'Ben', '001357559510000', 'Q2 plans', NULL, NULL);
                INSERT INTO ofMucConversationLog VALUES (7, 3, 'ben@corp.example/mobile', 'Ben', '001357559520000', NULL, 'Agreed', NULL);
                """)
        }
        return url
    }

    @Test func archiveAndRoomLogConvert() throws {
        let url = try Self.build()
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let result = try XMPPConversion.run(try XMPPServer.openfire.open(database: url.path), options: XMPPOptions(teamName: "of"))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.input.messages == 6)
        // Accounts with ofUser's names and emails, and the room's members; the outcast (affiliation 40) is not made a member.
        #expect(Set(result.objects("user").compactMap { $0["email"] as? String }) == ["ann@mail.example", "ben@mail.example", "cid@corp.example"])
        #expect(result.objects("user").first { $0["username"] as? String == "ann" }?["first_name"] as? String == "Ann")
        let board = result.objects("channel").first
        #expect(board?["name"] as? String == "board" && board?["display_name"] as? String == "The Board")
        #expect(board?["type"] as? String == "P" && board?["header"] as? String == "Q1 plans" && board?["purpose"] as? String == "Directors only")
        #expect(result.objects("direct_post").map { $0["message"] as? String } == ["Hi Ben", "No stanza kept, <b>raw</b> & all"])
        #expect(result.objects("direct_post").first?["create_at"] as? Int == 1_357_559_471_000)
        #expect(result.objects("post").map { $0["message"] as? String } == ["In the room", "Agreed"])
        #expect(result.objects("post").last?["user"] as? String == "ben")
        #expect(result.skippedCount("room subject change (no body)") == 1)
        #expect(result.skippedCount("room message in the Monitoring plugin's archive (rooms are read from ofMucConversationLog)") == 1)
    }
}
