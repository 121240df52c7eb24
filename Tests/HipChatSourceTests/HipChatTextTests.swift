import Testing
import MigrationCore
import SourceToolkit
@testable import HipChatSource

@Suite struct HipChatTextTests {
    private func text() throws -> HipChatText {
        let staging = try MigrationStaging(source: "test")
        try staging.add(SourceUser(id: "2", username: "Bob.Builder"))
        try staging.add(SourceUser(id: "3", username: "renée"))
        return HipChatText(mentionIDs: ["bob": "2", "renee": "3", "rené": "3"], emoji: ["party": "party", "ok": "ok_hand"],
                           names: StagingNameResolver(staging: staging))
    }

    @Test("mentions and emoticons found by a byte scan, the text between copied unchanged",
          arguments: [
            ("no markup at all", "no markup at all"),
            ("Hello @bob and @here (party) (unknown)", "Hello @bob.builder and @here :party: (unknown)"),
            ("mail bob@example.com, not @nobody", "mail bob@example.com, not @nobody"),
            ("thanks @bob. and @bob-", "thanks @bob.builder. and @bob.builder-"),
            ("(party)(ok)(party", ":party::ok_hand:(party"),
            ("é@bob ü @bob日本 @rené!", "é@bob ü @bob日本 @renee!"),
            ("@bob\u{301} combining mark after the @: one character, not a mention start", "@bob\u{301} combining mark after the @: one character, not a mention start"),
            ("@\u{301}bob", "@\u{301}bob"),
            ("👍🏽@bob (party)👨‍👩‍👧", "👍🏽@bob.builder :party:👨‍👩‍👧"),
            ("@", "@"), ("(", "("), ("@@bob", "@@bob.builder"), ("", ""),
          ])
    func inlineText(_ input: String, _ expected: String) throws {
        #expect(try text().inline(input) == expected)
    }
}
