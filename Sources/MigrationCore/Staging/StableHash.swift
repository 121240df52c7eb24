/// A 64-bit FNV-1a hash that is the same in every process (Swift's `Hasher` is seeded per process), for
/// in-memory indexes and staged ids whose collisions must not vary from run to run.
public enum StableHash {
    /// FNV-1a's offset basis: `appending` from here gives `of`.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of `parts`, each followed by a 0x1F separator so ("ab", "c") and ("a", "bc") differ.
    public static func of(_ parts: String...) -> UInt64 {
        parts.reduce(offsetBasis, appending)
    }

    /// The hash of one key (the same as `of` with one part), without the variadic array: it runs once
    /// or twice per message.
    public static func of(_ key: String) -> UInt64 {
        appending(offsetBasis, key)
    }

    /// `hash` carried on over `part` and its separator.
    public static func appending(_ hash: UInt64, _ part: String) -> UInt64 {
        // Over the contiguous bytes when there are (native strings): iterating the UTF-8 view
        // costs several times more per byte, and keys are hashed several times per message.
        let hashed = part.utf8.withContiguousStorageIfAvailable { bytes in
            var hash = hash
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0100_0000_01b3
            }
            return hash
        }
        var hash = hashed ?? part.utf8.reduce(hash) { ($0 ^ UInt64($1)) &* 0x0100_0000_01b3 }
        hash ^= 0x1F
        return hash &* 0x0100_0000_01b3
    }
}
