import Foundation
import Testing
import TestSupport
@testable import XMPPSource

/// XEP-0227 exports written by the test from the XEP's schema: current and old namespace, XInclude
/// split (`server.xml` → `example.com.xml` → `example.com/alice.xml`), MAM archives, offline messages,
/// rosters, and truncated files.
@Suite struct PIEFXISTests {
    static func result(_ id: String, _ stamp: String, _ message: String) -> String {
        """
        <result xmlns='urn:xmpp:mam:2' id='\(id)'><forwarded xmlns='urn:xmpp:forward:0'>\
        <delay xmlns='urn:xmpp:delay' stamp='\(stamp)'/>\(message)</forwarded></result>
        """
    }

    static func chat(_ from: String, _ to: String, _ id: String, _ inner: String) -> String {
        "<message xmlns='jabber:client' from='\(from)' to='\(to)' type='chat' id='\(id)'>\(inner)</message>"
    }

    /// alice's and bob's archives each hold the same two messages; bob's roster names carol, who never wrote.
    static func splitExport() throws -> URL {
        let root = try TemporaryDirectory.make("pie")
        let shared = [
            result("A1", "2024-03-01T09:00:00.100Z", chat("alice@example.com/pc", "bob@example.com", "c1", "<body>Hi &lt;Bob&gt;</body>")),
            result("A2", "2024-03-01T09:01:00Z", chat("bob@example.com/phone", "alice@example.com", "c2", "<body>/me nods</body>")),
            result("A3", "2024-03-01T09:02:00Z", chat("bob@example.com/phone", "alice@example.com", "c3",
                                                     "<body>Hi!</body><replace xmlns='urn:xmpp:message-correct:0' id='c2'/>")),
            result("A4", "2024-03-01T09:03:00Z", """
                <message xmlns='jabber:client' from='dev@conference.example.com/Bob' to='alice@example.com' type='groupchat' id='g1'>\
                <body>room hello</body><stanza-id xmlns='urn:xmpp:sid:0' by='dev@conference.example.com' id='R1'/>\
                <x xmlns='http://jabber.org/protocol/muc#user'><item jid='bob@example.com/phone'/></x></message>
                """),
        ].joined()
        try TemporaryDirectory.writeTree([
            "server.xml": Data("""
                <?xml version='1.0' encoding='UTF-8'?>
                <server-data xmlns='urn:xmpp:pie:0' xmlns:xi='http://www.w3.org/2001/XInclude'>
                  <xi:include href='example.com.xml'/>
                </server-data>
                """.utf8),
            "example.com.xml": Data("""
                <host xmlns='urn:xmpp:pie:0' xmlns:xi='http://www.w3.org/2001/XInclude' jid='example.com'>
                  <xi:include href='example.com/alice.xml'/>
                  <xi:include href='example.com/bob.xml'/>
                </host>
                """.utf8),
            "example.com/alice.xml": Data("""
                <user xmlns='urn:xmpp:pie:0' name='alice'><archive xmlns='urn:xmpp:pie:0#mam'>\(shared)</archive></user>
                """.utf8),
            "example.com/bob.xml": Data("""
                <user xmlns='urn:xmpp:pie:0' name='bob'>
                  <query xmlns='jabber:iq:roster'><item jid='Carol@example.com' name='Carol' subscription='both'><group>Team</group></item></query>
                  <offline-messages><message xmlns='jabber:client' from='dave@other.org/x' to='bob@example.com' type='chat' id='o1'>\
                <body>while you were out</body><delay xmlns='urn:xmpp:delay' stamp='2024-03-02T08:00:00Z'/></message></offline-messages>
                  <archive xmlns='urn:xmpp:pie:0#mam'>\(shared)</archive>
                  <vCard xmlns='vcard-temp'><FN>Bob</FN></vCard>
                  <pubsub xmlns='tigase:xep-0227:pubsub:0'><items/></pubsub>
                </user>
                """.utf8),
        ], at: root)
        return root.appendingPathComponent("server.xml")
    }

    @Test func splitExportConvertsWithCopiesMergedAndRosterContactsKept() throws {
        let file = try Self.splitExport()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let result = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "pie"))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.input.messages == 9)
        #expect(Set(result.objects("user").compactMap { $0["username"] as? String }) == ["alice", "bob", "carol", "dave"])
        let direct = result.objects("direct_post")
        #expect(direct.contains { $0["message"] as? String == "Hi <Bob>" && $0["create_at"] as? Int == 1_709_283_600_100 })
        #expect(direct.contains { $0["message"] as? String == "Hi!" && $0["edit_at"] != nil })
        #expect(direct.contains { $0["message"] as? String == "while you were out" })
        #expect(result.objects("post").map { $0["message"] as? String } == ["room hello"])
        #expect(result.skippedCount("second stored copy of a 1:1 message (each local participant's archive keeps one)") == 3)
        #expect(result.skippedCount("another member's stored copy of a room message") == 1)
        #expect(result.summary?.duplicateCopies == 4)
    }

    @Test func oldNamespaceInOneFile() throws {
        let root = try TemporaryDirectory.make("pie-old")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("export.xml")
        try Data("""
            <server-data xmlns='http://www.xmpp.org/extensions/xep-0227.html#ns'><host jid='old.example'>\
            <user name='ann' password='x'><offline-messages>\
            <message xmlns='jabber:client' from='ben@old.example' to='ann@old.example' type='chat'><body>old style</body>\
            <x xmlns='jabber:x:delay' stamp='20070101T10:00:00'/></message></offline-messages></user></host></server-data>
            """.utf8).write(to: file)
        let result = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "old"))
        defer { result.remove() }
        result.expectValid()
        result.expectBalanced()
        #expect(result.objects("direct_post").first?["create_at"] as? Int == 1_167_645_600_000)
    }

    @Test func truncatedFileIsAReportedSkipOrAOneLineError() throws {
        let file = try Self.splitExport()
        defer { try? FileManager.default.removeItem(at: file.deletingLastPathComponent()) }
        let bob = file.deletingLastPathComponent().appendingPathComponent("example.com/bob.xml")
        let whole = try Data(contentsOf: bob)
        try whole.prefix(whole.count * 2 / 3).write(to: bob)
        let lenient = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "pie", lenient: true))
        defer { lenient.remove() }
        lenient.expectValid()
        lenient.expectBalanced()
        let entry = lenient.report.skipped.first { $0.kind == "file" }
        #expect(entry?.items.first?.hasPrefix("example.com/bob.xml: line ") == true, "\(lenient.report.skipped)")
        do {
            _ = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "pie"))
            Issue.record("a strict run over a truncated file must stop")
        } catch let error as XMPPSourceError {
            #expect(error.description.hasPrefix("xep0227: example.com/bob.xml: line "))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func includeOutsideTheExportFolderIsRefused() throws {
        let root = try TemporaryDirectory.make("pie-escape")
        defer { try? FileManager.default.removeItem(at: root) }
        let file = root.appendingPathComponent("server.xml")
        try Data("<server-data xmlns='urn:xmpp:pie:0' xmlns:xi='http://www.w3.org/2001/XInclude'><xi:include href='../../etc/passwd'/></server-data>".utf8)
            .write(to: file)
        #expect(throws: XMPPSourceError.self) {
            _ = try XMPPConversion.run(try PIEFXISArchive(url: file), options: XMPPOptions(teamName: "pie", lenient: true))
        }
    }
}
