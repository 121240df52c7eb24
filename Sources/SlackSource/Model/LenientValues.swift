import Foundation

/// An integer Slack writes as a number in newer exports and as a string in older ones
/// (`"created": "1452837318"`); unparsable values decode as `nil` instead of failing the file.
struct LenientInt64: Decodable, Sendable, Equatable {
    let value: Int64?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { value = nil }
        else if let number = try? container.decode(Int64.self) { value = number }
        else if let double = try? container.decode(Double.self) { value = Int64(exactly: double.rounded(.down)) }
        else if let text = try? container.decode(String.self) {
            value = Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded(.down)) }
        } else { value = nil }
    }
}

/// A string that some exports write as a number (`"ts": 1452837318.000002`); anything else is `nil`.
struct LenientString: Decodable, Sendable, Equatable {
    let value: String?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { value = nil }
        else if let text = try? container.decode(String.self) { value = text }
        else if let number = try? container.decode(Int64.self) { value = String(number) }
        else if let double = try? container.decode(Double.self) { value = String(format: "%.6f", double) }
        else { value = nil }
    }
}

/// Any value decodes; used for fields whose shape varies between exports (we only test presence).
struct IgnoredValue: Decodable, Sendable {
    init(from decoder: Decoder) throws {}
}

extension KeyedDecodingContainer {
    /// Decodes an optional field, treating a value of the wrong shape as absent (Slack exports vary).
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
