import MattermostImport
import Testing
@testable import MigrationCore

/// Source names become names Mattermost accepts, readable where possible, unique by suffix.
@Suite struct NameNormalizerTests {
    @Test(arguments: [
        ("Alice Smith", "alice.smith"), ("Ñoño", "nono"), ("東京", "dong.jing"), ("all", "all-user"),
        ("__weird__", "weird"), ("", "user"), ("Jürgen.O'Neil", "jurgen.oneil"), ("😀", "user"),
    ])
    func usernames(_ pair: (String, String)) {
        let name = NameNormalizer.username(pair.0)
        #expect(name == pair.1)
        #expect(NameRules.isValidUsername(name))
    }

    @Test(arguments: [
        ("General", "general"), ("Москва", "moskva"), ("meetup-", "meetup-"), ("#random!", "random-"),
        ("x", "x-channel"), (String(repeating: "ab", count: 20), String(repeating: "ab", count: 20) + "-ch"),
        ("日本語チャンネル", "ri-ben-yuchanneru"),
    ])
    func channelNames(_ pair: (String, String)) {
        let name = NameNormalizer.channelName(pair.0)
        #expect(name == pair.1)
        #expect(NameRules.isValidChannelName(name))
        #expect(!NameRules.hasDirectChannelShape(name))
    }

    @Test(arguments: [("Acme Inc", "acme-inc"), ("helpdesk", "team-helpdesk"), ("A", "team-a"), ("API", "team-api"), ("Ωmega", "omega")])
    func teamNames(_ pair: (String, String)) {
        let name = NameNormalizer.teamName(pair.0)
        #expect(name == pair.1)
        #expect(NameRules.isValidTeamName(name))
        #expect(!NameRules.isReservedTeamName(name))
    }

    @Test func collisionSuffixesStayWithinLimits() {
        var registry = NameRegistry(maxBytes: MattermostLimits.usernameMaxBytes)
        let long = String(repeating: "a", count: 64)
        #expect(registry.claim(long) == (long, false))
        let second = registry.claim(long)
        #expect(second.collided)
        #expect(second.name.utf8.count <= 64)
        #expect(second.name.hasSuffix("-2"))
        #expect(NameRules.isValidUsername(second.name))
        #expect(registry.claim(long).name.hasSuffix("-3"))
    }

    @Test func messageSplitterKeepsTextAndBreaksAtNewlines() {
        let text = (0..<300).map { "line \($0) " + String(repeating: "é", count: 50) }.joined(separator: "\n")
        let parts = MessageSplitter.split(text, maxRunes: 1000)
        #expect(parts.joined() == text)
        #expect(parts.allSatisfy { $0.unicodeScalars.count <= 1000 })
        #expect(parts.dropLast().allSatisfy { $0.hasSuffix("\n") })
        let word = String(repeating: "x", count: 2500)
        #expect(MessageSplitter.split(word, maxRunes: 1000).map(\.count) == [1000, 1000, 500])
    }

    @Test func reactionNames() {
        #expect(ReactionNames.mattermostName(for: "thumbsup")?.name == "thumbsup")
        #expect(ReactionNames.mattermostName(for: "thumbsup::skin-tone-4")?.name == "thumbsup")
        #expect(ReactionNames.mattermostName(for: "👍🏽")?.name == "+1")
        #expect(ReactionNames.mattermostName(for: "🦩")?.name == "flamingo")
        #expect(ReactionNames.mattermostName(for: ":tada:")?.name == "tada")
        #expect(ReactionNames.mattermostName(for: "") == nil)
    }
}
