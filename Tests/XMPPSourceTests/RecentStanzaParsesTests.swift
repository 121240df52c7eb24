import Testing
@testable import XMPPSource

/// Reused parses give exactly what a fresh parse gives, for texts seen again within the window and
/// beyond it, and malformed texts fail the same way each time.
@Suite struct RecentStanzaParsesTests {
    static func message(_ n: Int) -> String {
        "<message xmlns='jabber:client' from='a@x/r' to='b@x' type='chat' id='m\(n)'><body>text \(n)</body></message>"
    }

    @Test func repeatedTextsParseAsFreshOnes() throws {
        let parses = RecentStanzaParses()
        // Each text comes back 3 rows later (a second stored copy), then again past the window.
        let order = (0..<40).flatMap { [$0, max(0, $0 - 3)] } + Array(0..<40)
        for n in order {
            let text = Self.message(n)
            let reused = try parses.parse(text)
            let fresh = try StanzaParser().parse(text)
            #expect(reused.stanza == fresh)
            #expect(reused.stanza.body == "text \(n)" && reused.stanza.id == "m\(n)")
            #expect(reused.text == StanzaText(fresh))
        }
    }

    @Test func malformedTextsFailEveryTime() {
        let parses = RecentStanzaParses()
        for _ in 0..<3 {
            #expect(throws: StanzaParseError.self) { try parses.parse("<message><body>cut") }
            #expect((try? parses.parse(Self.message(1)))?.stanza.id == "m1")
        }
    }
}
