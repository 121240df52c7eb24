import Foundation
import MattermostImport

/// The value rules every export reader needs, because export tools disagree on shapes: numbers written
/// as strings and strings as numbers are converted, and a value of any other wrong shape is absent
/// (`nil`) instead of failing the file. Readers pick fields out of `JSONValue`s with these.
extension JSONValue {
    /// A string, or a number written where a string was meant (`"ts": 1452837318.000002`, six fraction
    /// digits as Slack writes them); anything else is absent.
    public var lenientString: String? {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(format: "%.6f", number)
        default: return nil
        }
    }

    /// An integer written as a number or as a string (`"created": "1452837318"`); fractions are truncated,
    /// anything unparsable is absent.
    public var lenientInt64: Int64? {
        switch self {
        case .int(let number): return number
        case .double(let number): return Int64(exactly: number.rounded(.down))
        case .string(let text): return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded(.down)) }
        default: return nil
        }
    }

    /// A whole number (an integral float counts); anything else is absent.
    public var intValue: Int? {
        switch self {
        case .int(let number): return Int(exactly: number)
        case .double(let number): return Int(exactly: number)
        default: return nil
        }
    }

    /// An array of strings; absent when it is not an array or any element is not a string (the whole
    /// field is of the wrong shape then).
    public var stringArray: [String]? {
        guard case .array(let elements) = self else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            strings.append(text)
        }
        return strings
    }

    /// An array whose elements all convert with `element`; absent when it is not an array or any element
    /// does not convert.
    @inlinable
    public func lenientArray<T>(_ element: (JSONValue) -> T?) -> [T]? {
        guard case .array(let elements) = self else { return nil }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for value in elements {
            guard let converted = element(value) else { return nil }
            result.append(converted)
        }
        return result
    }
}
