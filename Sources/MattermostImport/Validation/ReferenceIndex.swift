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
