import Testing
@testable import MattermostImport

/// The shared name rules (spec §2), which both the validator and the exporter rely on.
@Suite struct NameRulesTests {
    @Test(arguments: ["ab", "a-b", "a__b", "team1", "x9"])
    func validTeamNames(_ name: String) { #expect(NameRules.isValidTeamName(name)) }

    @Test(arguments: ["a", "-ab", "ab-", "a_b", "a___b", "Ab", "a b", String(repeating: "a", count: 65)])
    func invalidTeamNames(_ name: String) { #expect(!NameRules.isValidTeamName(name)) }

    @Test(arguments: ["helpdesk", "apiary", "postgres", "Files", "plugins-dev"])
    func reservedTeamPrefixes(_ name: String) { #expect(NameRules.isReservedTeamName(name)) }

    @Test(arguments: ["a", "town-square", "meetup-", "a_b_", "0"])
    func validChannelNames(_ name: String) { #expect(NameRules.isValidChannelName(name)) }

    @Test(arguments: ["", "-a", "_a", "A", "a b", "é"])
    func invalidChannelNames(_ name: String) { #expect(!NameRules.isValidChannelName(name)) }

    @Test func directShapedChannelNames() {
        #expect(NameRules.hasDirectChannelShape(String(repeating: "ab", count: 20)))
        #expect(NameRules.hasDirectChannelShape(String(repeating: "a", count: 26) + "__" + String(repeating: "b", count: 26)))
        #expect(!NameRules.hasDirectChannelShape("general"))
    }

    @Test func usernames() {
        #expect(NameRules.isValidUsername("alice.b-c_d"))
        #expect(!NameRules.isValidUsername("all"))
        #expect(!NameRules.isValidUsername("Alice"))
        #expect(!NameRules.isValidUsername(String(repeating: "a", count: 65)))
    }

    @Test func emails() {
        #expect(NameRules.isValidEmail("a.b+c@example.co.uk"))
        #expect(!NameRules.isValidEmail("Bob <b@x.com>"))
        #expect(!NameRules.isValidEmail("a@b@c"))
        #expect(!NameRules.isValidEmail("not an email"))
        #expect(!NameRules.isValidEmail("a@-x.com"))
    }

    @Test func runesAndBytes() {
        let text = "e\u{301}😀ab"
        #expect(text.count == 4)
        #expect(text.runeCount == 5)
        #expect(text.byteCount == 9)
        #expect(text.prefix(runes: 2) == "e\u{301}")
        #expect(text.prefix(bytes: 5) == "e\u{301}")
    }
}
