import MigrationCore
import Testing

@Suite struct KeyFilterTests {
    /// Overfilled (100,000 keys in 8,192 bits, 16 blocks) it answers "maybe" more often, never "no" for a key added.
    @Test func anAddedKeyIsNeverMissed() {
        var filter = KeyFilter(log2Bits: 13)
        for index in 0..<100_000 { filter.insert("key-\(index)") }
        #expect((0..<100_000).allSatisfy { filter.mayContain("key-\($0)") })
    }

    @Test func keysNeverAddedAreMostlyRuledOut() {
        var filter = KeyFilter(log2Bits: 20)
        #expect(!filter.mayContain("anything"))
        for index in 0..<10_000 { filter.insert("key-\(index)") }
        let falsePositives = (0..<10_000).filter { filter.mayContain("other-\($0)") }.count
        // About 100 bits per key with 4 probes: well under one in a thousand.
        #expect(falsePositives < 10)
    }

    @Test func stringKeysAndHashPairsAgree() {
        var filter = KeyFilter(log2Bits: 16)
        filter.insert("alice@example.com")
        let (first, second) = KeyFilter.hashes("alice@example.com")
        #expect(filter.mayContain(first, second))
        #expect(KeyFilter.hashes("a").0 == StableHash.of("a"))
    }
}
