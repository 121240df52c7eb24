/// Recognises the extra stored copies of one message in Cisco's Message Archiver table `JM`: an IM
/// is logged once per direction (`O` outbound, `I` inbound) and once per recipient resource, and an
/// ad-hoc group message once per recipient. Copies share a key (conversation, sender, body, thread)
/// and a time within `window`; each copy fills a different slot (direction + full recipient JID). A
/// message is new when a slot sees the key more often than any slot did before, so two genuine
/// identical messages in a row are both kept. Rows come in time order, so only keys younger than the
/// window are held: memory stays flat.
struct CiscoCopies {
    private struct Seen {
        var time: Int64
        var slots: [String: Int] = [:]
        var messages = 0
    }

    let window: Int64
    private var seen: [String: Seen] = [:]
    private var order: [(time: Int64, key: String)] = []
    private var orderStart = 0

    init(window: Int64 = 2_000) {
        self.window = window
    }

    /// Whether this row is a further copy of a message already seen; notes it either way.
    mutating func isCopy(key: String, slot: String, time: Int64) -> Bool {
        forget(before: time - window)
        var entry = seen[key] ?? Seen(time: time)
        if seen[key] == nil { order.append((time, key)) }
        entry.slots[slot, default: 0] += 1
        let copy = entry.slots[slot]! <= entry.messages
        if !copy { entry.messages += 1 }
        seen[key] = entry
        return copy
    }

    private mutating func forget(before limit: Int64) {
        while orderStart < order.count, order[orderStart].time < limit {
            let key = order[orderStart].key
            if seen[key]?.time == order[orderStart].time { seen[key] = nil }
            orderStart += 1
        }
        if orderStart > 4096 && orderStart * 2 > order.count {
            order.removeFirst(orderStart)
            orderStart = 0
        }
    }
}
