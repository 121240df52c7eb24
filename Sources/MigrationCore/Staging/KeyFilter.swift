/// A Bloom filter of fixed size: whether a key may have been added, so that the keys never added
/// (most of them, in the readers that use it) skip a lookup in an on-disk table. Its memory does not
/// grow with the input; as more keys are added, more lookups are made for nothing, never fewer than
/// needed. Blocked: a key's bits all lie in one 64-byte block (one cache line), so a lookup in a
/// filter of several MiB misses the cache once, not once per probe.
public struct KeyFilter: Sendable {
    private var words: [UInt64]
    private static let probes = 4
    private static let wordsPerBlock = 8

    /// A filter of `2^log2Bits` bits (`log2Bits` 23 is 1 MiB).
    public init(log2Bits: Int) {
        precondition((9...40).contains(log2Bits))
        words = [UInt64](repeating: 0, count: 1 << (log2Bits - 6))
    }

    /// The first word of the key's block, and its bits in the block (9 bits of `second` per probe).
    @inline(__always) private func block(_ first: UInt64) -> Int {
        Int(first & UInt64(words.count / Self.wordsPerBlock - 1)) * Self.wordsPerBlock
    }

    /// Adds a key given as two independent 64-bit hashes.
    public mutating func insert(_ first: UInt64, _ second: UInt64) {
        let base = block(first)
        for index in 0..<Self.probes {
            let bit = Int((second >> UInt64(9 * index)) & 511)
            words[base + (bit >> 6)] |= 1 << UInt64(bit & 63)
        }
    }

    /// `false` only when the key was never added.
    public func mayContain(_ first: UInt64, _ second: UInt64) -> Bool {
        let base = block(first)
        for index in 0..<Self.probes {
            let bit = Int((second >> UInt64(9 * index)) & 511)
            if words[base + (bit >> 6)] & (1 << UInt64(bit & 63)) == 0 { return false }
        }
        return true
    }

    /// Adds a string key (hashed twice: FNV and a per-process seeded hash).
    public mutating func insert(_ key: String) {
        let (first, second) = Self.hashes(key)
        insert(first, second)
    }

    public func mayContain(_ key: String) -> Bool {
        let (first, second) = Self.hashes(key)
        return mayContain(first, second)
    }

    /// A string key's two independent hashes: FNV (`StableHash`, the same in every run) and Swift's
    /// per-process seeded hash. A key of two to four parts (a conversation, a message id, an author or its JID parts)
    /// is hashed part by part, as independently as the parts joined, without building the joined text:
    /// keys are hashed several times per message and most are never looked up.
    public static func hashes(_ first: String, _ second: String? = nil, _ third: String? = nil, _ fourth: String? = nil) -> (UInt64, UInt64) {
        var hasher = Hasher()
        hasher.combine(first)
        var stable = StableHash.appending(StableHash.offsetBasis, first)
        // Unrolled: an array of the parts would be an allocation per key.
        func add(_ part: String?) {
            guard let part else { return }
            hasher.combine(part)
            stable = StableHash.appending(stable, part)
        }
        add(second)
        add(third)
        add(fourth)
        return (stable, UInt64(bitPattern: Int64(hasher.finalize())))
    }

    /// A key of two integers' two independent hashes (SplitMix64's finaliser over differently salted
    /// mixes; the same in every run).
    public static func hashes(_ first: Int64, _ second: Int64) -> (UInt64, UInt64) {
        let mixed = UInt64(bitPattern: first) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: second)
        return (finalized(mixed), finalized(mixed ^ 0xD1B5_4A32_D192_ED03))
    }

    private static func finalized(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
