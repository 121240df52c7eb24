import MattermostImport

// Staging keeps rarely-set message fields (props among them) as JSON blobs; object members are
// encoded as ordered pairs so their order survives the round trip.
extension JSONValue: Codable {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let b = try? container.decode(Bool.self) { self = .bool(b); return }
        if let i = try? container.decode(Int64.self) { self = .int(i); return }
        if let d = try? container.decode(Double.self) { self = .double(d); return }
        if let s = try? container.decode(String.self) { self = .string(s); return }
        if let pairs = try? container.decode([Member].self) {
            self = .object(JSONObject(pairs.map { ($0.k, $0.v) }))
            return
        }
        if let items = try? container.decode(Wrapped.self) { self = .array(items.a); return }
        throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a staged JSON value")
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .number(let text): try container.encode(Double(text) ?? 0)
        case .string(let s): try container.encode(s)
        case .array(let items): try container.encode(Wrapped(a: items))
        case .object(let object): try container.encode(object.members.map { Member(k: $0.key, v: $0.value) })
        }
    }

    private struct Member: Codable { var k: String; var v: JSONValue }
    private struct Wrapped: Codable { var a: [JSONValue] }
}
