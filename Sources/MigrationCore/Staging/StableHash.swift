/// A 64-bit FNV-1a hash that is the same in every process (Swift's `Hasher` is seeded per process), for
/// in-memory indexes whose collisions must not vary from run to run.
public enum StableHash {
    /// The hash of `parts`, each followed by a 0x1F separator so ("ab", "c") and ("a", "bc") differ.
    public static func of(_ parts: String...) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0100_0000_01b3
            }
            hash ^= 0x1F
            hash &*= 0x0100_0000_01b3
        }
        return hash
    }
}
