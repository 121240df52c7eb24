/// An element's attributes, in the order they were read. A stanza's elements carry a handful, so a
/// list searched in order is cheaper than a dictionary, whose hashing and growing were a third of
/// reading a stored stanza.
struct StanzaAttributes {
    private var pairs: [(name: String, value: String)] = []

    init() {}

    /// From `XMLParser`, whose attributes come as a dictionary (sorted, so the order is stable).
    init(_ dictionary: [String: String]) {
        pairs = dictionary.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    subscript(name: String) -> String? {
        for pair in pairs where pair.name == name { return pair.value }
        return nil
    }

    /// Empties the list, keeping its storage for the next element.
    mutating func removeAll() {
        pairs.removeAll(keepingCapacity: true)
    }

    /// Adds `name`; `false` (and nothing added) when the element has it already.
    mutating func add(_ name: String, _ value: String) -> Bool {
        guard self[name] == nil else { return false }
        if pairs.isEmpty { pairs.reserveCapacity(4) }
        pairs.append((name, value))
        return true
    }
}
