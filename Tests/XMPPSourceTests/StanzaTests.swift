import Testing
@testable import XMPPSource

@Suite struct StanzaTests {
    func parse(_ inner: String, type: String = "chat") throws -> XMPPStanza {
        try StanzaParser.parse("<message xmlns='jabber:client' from='a@x/r' to='b@x' type='\(type)' id='i1'>\(inner)</message>")
    }

    @Test func bodyAttributesAndDelay() throws {
        let stanza = try parse("<body>Hi &amp; bye</body><delay xmlns='urn:xmpp:delay' stamp='2019-05-01T10:00:00.123Z'/>")
        #expect(stanza.kind == "message" && stanza.from == "a@x/r" && stanza.id == "i1" && stanza.type == "chat")
        #expect(stanza.body == "Hi & bye")
        #expect(stanza.delayStamp == 1_556_704_800_123)
        #expect(try parse("<x xmlns='jabber:x:delay' stamp='20020910T23:08:25'/>").delayStamp == 1_031_699_305_000)
    }

    @Test func timestampsWithOffsetsAndBadOnes() {
        #expect(XMPPTimestamp.milliseconds("2024-03-01T10:00:00+02:00") == XMPPTimestamp.milliseconds("2024-03-01T08:00:00Z"))
        #expect(XMPPTimestamp.milliseconds("1969-12-31T23:59:59Z") == -1000)
        #expect(XMPPTimestamp.milliseconds("2024-13-01T00:00:00Z") == nil)
        #expect(XMPPTimestamp.milliseconds("yesterday") == nil)
    }

    @Test func xhtmlIMBecomesMarkdown() throws {
        let stanza = try parse("""
            <body>plain</body><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>\
            <p>A <em>b</em> <span style='font-weight: bold'>c</span> <code>d</code></p><blockquote>q1<br/>q2</blockquote>\
            <ul><li>one</li><li>two</li></ul><p><img src='https://x/i.png' alt='pic'/></p></body></html>
            """)
        #expect(stanza.xhtmlMarkdown == "A _b_ **c** `d`\n\n> q1\n> q2\n\n- one\n- two\n\n![pic](https://x/i.png)")
        #expect(StanzaText(stanza).text == stanza.xhtmlMarkdown)
    }

    @Test func meOobCorrectionReplyThreadReactionsAndOccupant() throws {
        #expect(StanzaText(try parse("<body>/me waves</body>")) == StanzaText(text: "*waves*", postType: "me"))
        let oob = try parse("<body>look</body><x xmlns='jabber:x:oob'><url>https://x/a%20b.png</url><desc>A [pic]</desc></x>")
        #expect(StanzaText(oob).text == "look\n[A \\[pic\\]](https://x/a%20b.png)")
        #expect(try parse("<body>fixed</body><replace xmlns='urn:xmpp:message-correct:0' id='old'/>").replacesID == "old")
        let reply = try parse("""
            <body>&gt; quoted\nanswer</body><reply xmlns='urn:xmpp:reply:0' id='p1'/>\
            <fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='9'/></fallback>
            """)
        #expect(reply.replyToID == "p1" && StanzaText(reply).text == "answer")
        let thread = try parse("<body>t</body><thread parent='p'>c</thread>")
        #expect(thread.thread == "c" && thread.threadParent == "p")
        let reactions = try parse("<reactions xmlns='urn:xmpp:reactions:0' id='m'><reaction>👍</reaction><reaction>🐢</reaction></reactions>")
        #expect(reactions.reactionsToID == "m" && reactions.reactions == ["👍", "🐢"])
        let muc = try parse("<body>x</body><x xmlns='http://jabber.org/protocol/muc#user'><item jid='real@x/r' role='participant'/></x>" +
                            "<stanza-id xmlns='urn:xmpp:sid:0' by='room@c' id='s1'/><origin-id xmlns='urn:xmpp:sid:0' id='o1'/>", type: "groupchat")
        #expect(muc.occupantJID == "real@x/r" && muc.stanzaIDs == ["s1"] && muc.originID == "o1")
        // A body in another namespace is not the message's body.
        #expect(try parse("<foo xmlns='urn:other'><body>no</body></foo>").body == nil)
    }

    @Test func malformedAndTruncatedStanzasAreErrorsWithAPosition() {
        for text in ["<message><body>cut", "<message><body>x</message>", "not xml at all", ""] {
            #expect(throws: StanzaParseError.self) { try StanzaParser.parse(text) }
        }
    }

    @Test func erlangRoomOptions() {
        let room = EjabberdRoomOptions.room(jid: "r@c", opts: """
            [{title,<<"Caf\\303\\251">>},{members_only,false},{affiliations,[{{<<"a">>,<<"x">>,<<>>},owner},\
            {{<<"b">>,<<"x">>,<<>>},{member,<<"why">>}},{{<<"c">>,<<"x">>,<<>>},{outcast,<<>>}}]},{subject,<<84,111>>}].
            """)
        #expect(room == RoomInfo(jid: "r@c", title: "Café", subject: "To", membersOnly: false, memberJIDs: ["b@x"], adminJIDs: ["a@x"]))
        #expect(EjabberdRoomOptions.room(jid: "r@c", opts: "[{title,").membersOnly == nil)
        #expect(ErlangTerm.parse("{a, [1,2|[3]], \"s\", 'q a'}") == .tuple([.atom("a"), .list([.integer(1), .integer(2), .integer(3)]), .text("s"), .atom("q a")]))
    }
}

/// `XMPPStanza` keeps its fields in a shared box: a copy changed afterwards must not change the original
/// (or a stanza reused for a repeated row would take on another row's changes).
@Suite struct XMPPStanzaCopyTests {
    @Test func copiesChangeApart() throws {
        let original = try StanzaParser().parse(
            "<message from='a@x/r' to='b@x' id='m1'><body>hello</body><stanza-id xmlns='urn:xmpp:sid:0' id='s1' by='x'/></message>")
        var copy = original
        #expect(copy == original)
        copy.body = "changed"
        copy.stanzaIDs.append("s2")
        copy.links.append((url: "https://example.com", description: nil))
        #expect(original.body == "hello" && original.stanzaIDs == ["s1"] && original.links.isEmpty)
        #expect(copy.body == "changed" && copy.stanzaIDs == ["s1", "s2"] && copy.links.count == 1)
        #expect(copy != original)
        var fresh = XMPPStanza()
        fresh.kind = "message"
        #expect(XMPPStanza().kind == "" && fresh.kind == "message")
    }
}
