/// Detects (channel, create_at) collisions across roots and replies (spec §14 hazards 1 and 2).
///
/// Exact up to ~1.5 M timestamps (one 24 MB table); beyond that a second table starts and the oldest
/// is dropped when it fills, so any two timestamps within ~1.5 M posts of each other are still
/// compared and memory stays under 48 MB however large the file. Exporters write a channel's posts
/// together, so real collisions are close. A per-channel "last seen" check would be smaller but misses
/// collisions between replies and later roots; an exact check over any size would need a disk sort.
struct CreateAtIndex {
    static let maxSlots = 1 << 21

    private var current: CreateAtTable
    private var previous: CreateAtTable?

    /// `expectedKeys` sizes the first table up front (growing rehashes the whole table at random).
    init(expectedKeys: Int = 0) {
        var capacity = 1 << 12
        while capacity * 3 < expectedKeys * 4 && capacity < Self.maxSlots { capacity <<= 1 }
        current = CreateAtTable(slots: capacity)
    }

    /// Records the timestamp; returns the line that used it first when it was taken already.
    mutating func claim(channel: UInt32, createAt: Int64, line: Int) -> Int? {
        if let first = previous?.find(createAt: createAt, channel: channel) { return first }
        if let first = current.find(createAt: createAt, channel: channel) { return first }
        if current.isFull {
            if current.slotCount < Self.maxSlots {
                current.grow()
            } else {
                previous = current
                current = CreateAtTable(slots: Self.maxSlots)
            }
        }
        current.insert(createAt: createAt, channel: channel, line: line)
        return nil
    }
}

/// Open-addressing hash table keyed by an invertible mix of (create_at, channel index) packed into 64
/// bits, written by hand because `Set` hashing (SipHash) and its resizing were a tenth of the run.
/// Probing touches only the 8-byte keys; first-line numbers sit in a parallel array read on a hit.
/// Exact while create_at < 2^42 ms (year 2109) and the channel index < 2^22; beyond, keys are hashed
/// and two keys could (with odds of about 1 in 10^13) look alike.
struct CreateAtTable {
    private var keys: [UInt64]
    private var lines: [UInt32]
    private var count = 0

    init(slots: Int) {
        keys = [UInt64](repeating: 0, count: slots)
        lines = [UInt32](repeating: 0, count: slots)
    }

    var slotCount: Int { keys.count }
    var isFull: Bool { (count + 1) * 4 > keys.count * 3 }

    func find(createAt: Int64, channel: UInt32) -> Int? {
        let key = Self.key(createAt, channel)
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: key) & mask
        while keys[i] != 0 {
            if keys[i] == key { return Int(lines[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts a key known to be absent.
    mutating func insert(createAt: Int64, channel: UInt32, line: Int) {
        place(Self.key(createAt, channel), line: UInt32(truncatingIfNeeded: line))
    }

    private mutating func place(_ key: UInt64, line: UInt32) {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: key) & mask
        while keys[i] != 0 { i = (i + 1) & mask }
        keys[i] = key
        lines[i] = line
        count += 1
    }

    /// MurmurHash3's 64-bit finaliser (a bijection) over the packed pair; 0 is kept for empty slots.
    private static func key(_ createAt: Int64, _ channel: UInt32) -> UInt64 {
        var x: UInt64
        if createAt >= 0 && createAt < 1 << 42 && channel < 1 << 22 {
            x = UInt64(createAt) | UInt64(channel) << 42
        } else {
            x = UInt64(bitPattern: createAt) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(channel) &* 0xC2B2_AE3D_27D4_EB4F
        }
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return x == 0 ? 0x9E37_79B9_7F4A_7C15 : x
    }

    mutating func grow() {
        let oldKeys = keys, oldLines = lines
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        lines = [UInt32](repeating: 0, count: oldKeys.count * 2)
        count = 0
        for i in oldKeys.indices where oldKeys[i] != 0 { place(oldKeys[i], line: oldLines[i]) }
    }
}
