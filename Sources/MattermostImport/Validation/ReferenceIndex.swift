/// Every name defined so far, in file order, with the line that defined it: what later lines may
/// reference (spec §18 stage 5). Memory grows with the number of names only. Channels and DM member
/// sets get a small integer index so that the per-post dedupe keys stay 16 bytes.
struct ReferenceIndex {
    var teams: [String: Int] = [:]
    /// (team, channel) → (line, channel index)
    var channels: [ChannelKey: (line: Int, index: UInt32)] = [:]
    var usernames: [String: Int] = [:]
    var emails: [String: (line: Int, username: String)] = [:]
    var emoji: [String: Int] = [:]
    var schemes: [String: (line: Int, scope: String)] = [:]
    var roles: [String: Int] = [:]
    /// Sorted DM/GM member list joined by "\n" → channel index (shares the numbering with channels).
    var directChannels: [String: UInt32] = [:]
    private var nextChannelIndex: UInt32 = 0

    struct ChannelKey: Hashable {
        let team: String
        let name: String
    }

    /// Channels every team gets on creation (spec §6), so they may be referenced without a channel line.
    static let defaultChannels: Set<String> = ["town-square", "off-topic"]

    mutating func newChannelIndex() -> UInt32 {
        defer { nextChannelIndex &+= 1 }
        return nextChannelIndex
    }

    /// The channel index of a team channel, creating one for default channels of known teams.
    mutating func channelIndex(team: String, name: String) -> UInt32? {
        let key = ChannelKey(team: team, name: name)
        if let known = channels[key] { return known.index }
        guard Self.defaultChannels.contains(name) else { return nil }
        let index = newChannelIndex()
        channels[key] = (0, index)
        return index
    }

    /// The channel index of a DM/GM member set (order and case do not matter, like Mattermost's lookup).
    mutating func directChannelIndex(members: [String]) -> UInt32 {
        let key = members.map { $0.lowercasedName }.sorted().joined(separator: "\n")
        if let index = directChannels[key] { return index }
        let index = newChannelIndex()
        directChannels[key] = index
        return index
    }
}

/// Detects (channel, create_at) collisions across roots and replies (spec §14 hazards 1 and 2).
///
/// Exact up to `windowKeys` timestamps (~1.5 M, 32 MB); beyond that a second table starts and the
/// oldest is dropped when it fills, so any two timestamps within ~1.5 M posts of each other are still
/// compared and memory stays under 64 MB however large the file. Exporters write a channel's posts
/// together, so real collisions are close. A per-channel "last seen" check would be smaller but misses
/// collisions between replies and later roots; an exact check over any size would need a disk sort.
struct CreateAtIndex {
    static let maxSlots = 1 << 21

    private var current: CreateAtTable
    private var previous: CreateAtTable?

    /// `expectedKeys` sizes the first table up front (growing rehashes 32 MB at random).
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

/// Open-addressing hash table of 16-byte slots (create_at, channel index, first line), written by
/// hand because `Set` hashing (SipHash) and its resizing were a tenth of the validation time.
struct CreateAtTable {
    private struct Slot {
        var createAt: Int64
        var channel: UInt32
        /// Line number + 1; 0 marks an empty slot.
        var line: UInt32
    }

    private var slots: [Slot]
    private var count = 0

    init(slots: Int) {
        self.slots = [Slot](repeating: Slot(createAt: 0, channel: 0, line: 0), count: slots)
    }

    var slotCount: Int { slots.count }
    var isFull: Bool { (count + 1) * 4 > slots.count * 3 }

    func find(createAt: Int64, channel: UInt32) -> Int? {
        let mask = slots.count - 1
        var i = Self.hash(createAt, channel) & mask
        while slots[i].line != 0 {
            if slots[i].createAt == createAt && slots[i].channel == channel { return Int(slots[i].line) - 1 }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts a key known to be absent.
    mutating func insert(createAt: Int64, channel: UInt32, line: Int) {
        let mask = slots.count - 1
        var i = Self.hash(createAt, channel) & mask
        while slots[i].line != 0 { i = (i + 1) & mask }
        slots[i] = Slot(createAt: createAt, channel: channel, line: UInt32(truncatingIfNeeded: line + 1))
        count += 1
    }

    private static func hash(_ createAt: Int64, _ channel: UInt32) -> Int {
        // MurmurHash3's 64-bit finaliser: timestamps are multiples of 1000 plus a few ms, so mix fully.
        var x = UInt64(bitPattern: createAt) ^ (UInt64(channel) << 40 | UInt64(channel) >> 24)
        x ^= x >> 33
        x &*= 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 33
        x &*= 0xC4CE_B9FE_1A85_EC53
        x ^= x >> 33
        return Int(truncatingIfNeeded: x)
    }

    mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(createAt: 0, channel: 0, line: 0), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.line != 0 {
            var i = Self.hash(slot.createAt, slot.channel) & mask
            while slots[i].line != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
