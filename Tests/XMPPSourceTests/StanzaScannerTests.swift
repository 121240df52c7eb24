import Testing
@testable import XMPPSource

/// The fast path (`StanzaScanner`) must read every stanza exactly as `XMLParser` does, or leave it to
/// `XMLParser`: same stanza, same error. Each test reuses one scanner and one parser for all its
/// stanzas, as a reader does for its rows, so nothing of one stanza (one declined half-way included)
/// may leak into the next.
@Suite struct StanzaScannerTests {
    static let head = "<message xmlns='jabber:client' from='a@x/r' to='b@x' type='chat' id='i1'>"
    let scanner = StanzaScanner()
    let parser = StanzaParser()

    /// Both paths' outcome: the stanza, or the error text.
    func outcomes(_ text: String) -> (fast: String, reference: String) {
        func describe(_ parse: () throws -> XMPPStanza) -> String {
            do { return String(describing: try parse()) } catch { return "error: \(error)" }
        }
        return (describe { try parser.parse(text) }, describe { try StanzaParser.parseWithXMLParser(text) })
    }

    /// Stanzas the fast path reads itself.
    static let plain: [String] = [
        head + "<body>Hi &amp; bye &lt;3 &gt; &apos;q&apos; &quot;d&quot;</body></message>",
        head + "<body>refs &#65;&#x42;&#x1F600; &#233;&#x9;&#10;&#13;end</body></message>",
        head + "<body>  spaced\n\tlines  </body><delay xmlns='urn:xmpp:delay' stamp='2019-05-01T10:00:00.123Z' from='x'/></message>",
        "<message type=\"groupchat\" id=\"d&amp;q\" to=\"r@c\" from=\"r@c/n&apos;k\"><body>double quotes</body></message>",
        "<message id='z' type='chat' to='b@x' from='a@x/r' xmlns='jabber:client'><body>attributes in another order</body></message>",
        head + "<body xml:lang='en'>lang</body><body xml:lang='de'>second body ignored</body></message>",
        head + "<body/><subject>s</subject><thread parent='p' >t1</thread ></message >",
        head + "<body></body></message>",
        head + "<body>text with > and ] and ]] fine</body></message>",
        head + "<body>é ü 日本 🐢 \u{7F}\u{85}</body></message>",
        head + "<foo xmlns='urn:other'><body>other namespace</body></foo><body>real</body></message>",
        head + "<body>x</body><x xmlns='http://jabber.org/protocol/muc#user'><item jid='real@x/r' role='participant'/></x>"
            + "<stanza-id xmlns='urn:xmpp:sid:0' by='room@c' id='s1'/><stanza-id xmlns='urn:xmpp:sid:0' by='me' id='s2'/>"
            + "<origin-id xmlns='urn:xmpp:sid:0' id='o1'/></message>",
        head + "<body>plain</body><html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>"
            + "<p>A <em>b</em>  <span style='font-weight: bold; font-style:italic'>c &amp; d</span> <code>e</code></p>"
            + "<blockquote>q1<br/>q2</blockquote> <ul><li>one</li><li>two <a href='https://x/?a=1&amp;b=2'>link</a></li></ul>"
            + "<pre>  keep\n  this </pre><p><img src='https://x/i.png' alt='pic'/></p></body></html></message>",
        head + "<body>&gt; quoted\nanswer</body><reply xmlns='urn:xmpp:reply:0' id='p1'/>"
            + "<fallback xmlns='urn:xmpp:fallback:0' for='urn:xmpp:reply:0'><body start='0' end='9'/></fallback></message>",
        head + "<reactions xmlns='urn:xmpp:reactions:0' id='m'><reaction>👍</reaction><reaction> 🐢 </reaction></reactions></message>",
        head + "<body>look</body><x xmlns='jabber:x:oob'><url> https://x/a%20b.png </url><desc>A [pic]</desc></x>"
            + "<replace xmlns='urn:xmpp:message-correct:0' id='old'/></message>",
        "<presence from='a@x/r'/>",
        "<message><body>no namespace at all</body></message>",
    ]

    /// Stanzas the fast path must leave to `XMLParser` (same result either way, error or not).
    static let fallback: [String] = [
        head + "<body><![CDATA[a <b> & c]]></body></message>",
        head + "<body>a<!-- comment -->b</body></message>",
        head + "<body>a<?pi data?>b</body></message>",
        "<?xml version='1.0'?>" + head + "<body>declared</body></message>",
        head + "<body>line\r\nend</body></message>",
        "<message xmlns='jabber:client' id='tab\tin'><body>x</body></message>",
        "<message xmlns='jabber:client' id='line\nin'><body>x</body></message>",
        head + "<body>&nbsp;unknown entity</body></message>",
        head + "<body>bad ref &#0; &#xD800;</body></message>",
        head + "<body>bare & ampersand</body></message>",
        head + "<body>a ]]> b</body></message>",
        "<message xmlns='jabber:client' xmlns:h='http://jabber.org/protocol/xhtml-im'><body>p</body><h:html/></message>",
        "<cli:message xmlns:cli='jabber:client'><cli:body>prefixed</cli:body></cli:message>",
        head + "<foo xmlns=''><body>undeclared</body></foo></message>",
        head + "<body>\u{1}control</body></message>",
        head + "<body>\u{FFFE}</body></message>",
        " " + head + "<body>leading space</body></message>",
        head + "<body>trailing</body></message> ",
        head + "<body>x</body></message><message/>",
        head + "<body>cut",
        head + "<body>x</message>",
        "<message a='1' a='2'/>",
        "<message a='1'b='2'/>",
        "<message a='<'/>",
        "<message a=1/>",
        "not xml at all",
        "",
        "<1message/>",
        "<méssage/>",
    ]

    @Test func plainStanzasTakeTheFastPathAndMatchXMLParser() throws {
        for text in Self.plain {
            #expect(scanner.parse(text) != nil, "fast path declined: \(text)")
            let (fast, reference) = outcomes(text)
            #expect(fast == reference, "\(text)")
            #expect(!reference.hasPrefix("error"), "\(text)")
        }
    }

    @Test func everythingElseFallsBackToXMLParser() throws {
        for text in Self.fallback {
            #expect(scanner.parse(text) == nil, "fast path read: \(text)")
            let (fast, reference) = outcomes(text)
            #expect(fast == reference, "\(text)")
        }
    }

    @Test func hugeOrDeepStanzasAreLeftToXMLParser() throws {
        let huge = Self.head + "<body>" + String(repeating: "x", count: StanzaScanner.maxBytes) + "</body></message>"
        let deep = Self.head + String(repeating: "<x>", count: 100) + String(repeating: "</x>", count: 100) + "</message>"
        for text in [huge, deep] {
            #expect(scanner.parse(text) == nil)
            let (fast, reference) = outcomes(text)
            #expect(fast == reference)
        }
    }

    /// Stanzas assembled at random from the pieces above (fixed seed): the two paths always agree.
    @Test func randomStanzasAgree() throws {
        let pieces = [
            "<body>b &amp; c</body>", "<body/>", "<subject>s&lt;</subject>", "<thread parent='p'>t</thread>", "text &#x41;",
            "<delay xmlns='urn:xmpp:delay' stamp='2020-01-01T00:00:00Z'/>", "<x xmlns='jabber:x:delay' stamp='20020910T23:08:25'/>",
            "<![CDATA[cd]]>", "<!--c-->", "&bogus;", "\r", " \n ", "<stanza-id xmlns='urn:xmpp:sid:0' id='s'/>",
            "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'><p>x <b>y</b></p> z</body></html>",
            "<reactions xmlns='urn:xmpp:reactions:0' id='m'><reaction>👍</reaction></reactions>", "<open>", "</close>", "]]>", "é",
            "<x xmlns='jabber:x:oob'><url>u</url></x>", "<e a=\"1\" b='&quot;'/>", "<a:b/>",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        var fastCount = 0
        for _ in 0..<400 {
            var inner = ""
            for _ in 0..<next(5) { inner += pieces[next(pieces.count)] }
            let text = Self.head + inner + "</message>"
            if scanner.parse(text) != nil { fastCount += 1 }
            let (fast, reference) = outcomes(text)
            #expect(fast == reference, "\(text)")
        }
        #expect(fastCount > 50)
    }
}
