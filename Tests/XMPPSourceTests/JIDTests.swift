import SourceToolkit
import Testing
@testable import XMPPSource

@Suite struct JIDTests {
    @Test func resourcesAreStrippedAndCaseFolded() {
        #expect(XMPPJID("Alice@Example.COM/Jabber Messenger Desktop")?.description == "alice@example.com")
        #expect(XMPPJID("alice@example.com/g1b9b8hs09") == XMPPJID("ALICE@example.com"))
        // A resource may itself contain `@` and `/`.
        #expect(XMPPJID("bob@example.com/res@with/slash")?.description == "bob@example.com")
    }

    @Test func xep0106EscapesAreDecoded() {
        #expect(XMPPJID("test\\20room@conference.example.com")?.localpart == "test room")
        #expect(XMPPJID("d\\27artagnan@example.com")?.localpart == "d'artagnan")
        #expect(XMPPJID("at\\40home\\5cx@example.com")?.localpart == "at@home\\x")
        // Not an escape: kept as written.
        #expect(XMPPJID("back\\slash@example.com")?.localpart == "back\\slash")
    }

    @Test func jidsWithoutADomainGetTheDefaultOne() {
        let bare = XMPPJID("Alice/Home")
        #expect(bare?.domain == nil)
        #expect(bare?.withDomain("Example.com").description == "alice@example.com")
        #expect(XMPPJID("conference.example.com")?.domain == "conference.example.com")
        #expect(XMPPJID("") == nil)
        #expect(XMPPJID("/resource-only") == nil)
    }

    /// The byte-level parse of visible-ASCII JIDs and the full parse agree: each pair gives the same JID
    /// once through the quick path and once with something (white space, a non-ASCII resource) that
    /// sends it through the full one.
    @Test func quickAndFullParsesAgree() {
        let cases = ["Alice@Example.COM", "@example.com", "alice@", "@", "a@b@c.example/x", "Conference.Example.com",
                     "Bob", "x.y@z", "MiXeD.CaSe-1_2@Host.EXAMPLE.org"]
        for text in cases {
            let quick = XMPPJID(text), full = XMPPJID(" " + text + " ")
            #expect(quick == full, "\(text)")
            #expect(XMPPJID(text + "/Résumé phone") == quick, "\(text)")
        }
        #expect(XMPPJID("@") == nil)
        #expect(XMPPJID("@example.com") == XMPPJID(localpart: "", domain: "example.com"))
        #expect(XMPPJID("alice@") == XMPPJID(localpart: "alice", domain: nil))
        #expect(XMPPJID("a@b@c.example") == XMPPJID(localpart: "a@b", domain: "c.example"))
        #expect(XMPPJID("Jürgen@Example.com")?.description == "jürgen@example.com")
    }

    @Test func emailIsTheBareJIDWithSpacesAsDots() {
        #expect(XMPPUserDirectory.email(of: XMPPJID("John\\20Doe@example.com")!) == "john.doe@example.com")
        #expect(XMPPUserDirectory.email(of: XMPPJID("nodomain")!) == nil)
    }

    @Test func userMapCSVIsReadWithQuotesAndHeader() throws {
        let map = try UserMapFile(csv: "JID,Email,Username\r\n\"a, b@x.org\",\"q\"\"uote@x.org\",ab\n\nc@x.org,,cee\n")
        #expect(map.entries["a, b@x.org"] == UserMapFile.Entry(username: "ab", email: "q\"uote@x.org"))
        #expect(map.entries["c@x.org"] == UserMapFile.Entry(username: "cee", email: nil))
        #expect(throws: UserMapError.self) { try UserMapFile(csv: "jid,username\na,b\na,c\n") }
        #expect(throws: UserMapError.self) { try UserMapFile(csv: "username,jid\n") }
        #expect(throws: UserMapError.self) { try UserMapFile(csv: "jid,email\n\"open,x\n") }
    }
}
