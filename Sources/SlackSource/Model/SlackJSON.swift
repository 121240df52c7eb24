import MattermostImport

/// Free-form JSON copied into `props` (legacy message attachments). Object keys are sorted, recursively,
/// so the output is deterministic and the same as when `JSONDecoder` (which loses key order) read them;
/// integral floats become integers for the same reason.
struct SlackJSON: Sendable {
    let value: JSONValue

    init(json: JSONValue) {
        value = Self.normalized(json)
    }

    static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let object):
            var members = object.members
            // Duplicate keys: the last one wins, as in every other lookup.
            var seen = Set<String>()
            members = members.reversed().filter { seen.insert($0.key).inserted }
            members.sort { $0.key < $1.key }
            return .object(JSONObject(members.map { ($0.key, normalized($0.value)) }))
        case .array(let elements):
            return .array(elements.map(normalized))
        case .double(let number):
            if let integer = Int64(exactly: number) { return .int(integer) }
            return value
        default:
            return value
        }
    }
}
