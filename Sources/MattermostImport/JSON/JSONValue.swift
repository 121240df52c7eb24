/// Any JSON value, keeping what Go's `encoding/json` distinguishes and Mattermost cares about:
/// integers apart from floats, booleans apart from numbers, and object keys in their original order
/// (so free-form `props` are written back deterministically).
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// A number exactly as written, only from a parser with `keepsNumberText` (config.json and jsonb
    /// values that must be written back or compared byte for byte); the validator and converters
    /// never see it.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var int64Value: Int64? {
        if case .int(let i) = self { return i }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

/// A JSON object whose members keep their insertion order. Lookups are linear, which is faster than
/// hashing for the handful of keys an import line has.
public struct JSONObject: Sendable, Hashable {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of the last member named `key` (Go: duplicate keys, last wins).
    public subscript(key: String) -> JSONValue? {
        get {
            // Backwards over the buffer: `members.reversed()` copied (retained and released) every
            // member it passed, and readers ask each message for several keys. Byte lengths first:
            // comparing two different small strings takes the slow path of `==`.
            let length = key.utf8.count
            return members.withUnsafeBufferPointer { buffer in
                var i = buffer.count - 1
                while i >= 0 {
                    if buffer[i].key.utf8.count == length && buffer[i].key == key { return buffer[i].value }
                    i -= 1
                }
                return nil
            }
        }
        set {
            // In place, so rewriting one setting keeps a document's key order (config.json); later
            // duplicates of the key go.
            guard let first = members.firstIndex(where: { $0.key == key }) else {
                if let newValue { members.append((key, newValue)) }
                return
            }
            var index = members.count - 1
            while index > first {
                if members[index].key == key { members.remove(at: index) }
                index -= 1
            }
            if let newValue { members[first].value = newValue } else { members.remove(at: first) }
        }
    }

    public var keys: [String] { members.map(\.key) }
    public var isEmpty: Bool { members.isEmpty }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
