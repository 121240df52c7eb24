import MattermostImport

/// Arbitrary JSON decoded into `JSONValue` (for legacy message attachments, which are copied into
/// `props`). Object keys are sorted because `JSONDecoder` does not keep their order, and output must be
/// deterministic.
struct SlackJSON: Decodable, Sendable {
    let value: JSONValue

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: AnyKey.self) {
            var members: [(key: String, value: JSONValue)] = []
            for key in object.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                members.append((key.stringValue, (try? object.decode(SlackJSON.self, forKey: key))?.value ?? .null))
            }
            value = .object(JSONObject(members))
        } else if var array = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !array.isAtEnd { items.append((try? array.decode(SlackJSON.self))?.value ?? .null) }
            value = .array(items)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() { value = .null }
            else if let b = try? single.decode(Bool.self) { value = .bool(b) }
            else if let i = try? single.decode(Int64.self) { value = .int(i) }
            else if let d = try? single.decode(Double.self) { value = .double(d) }
            else if let s = try? single.decode(String.self) { value = .string(s) }
            else { value = .null }
        }
    }
}
