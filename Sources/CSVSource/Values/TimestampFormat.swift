import Foundation

/// How a time is written in the input, and the time zone of times that carry none.
public struct TimestampFormat: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Digits: seconds, milliseconds or microseconds chosen by magnitude; else ISO 8601.
        case auto
        /// Seconds since the epoch, optionally with a fraction (`1357559471.000200`, Slack's `ts`).
        case unixSeconds
        case unixMilliseconds
        case unixMicroseconds
        /// `2024-03-01T09:00:00Z`, `2024-03-01 09:00:00.123+01:00`, `2024-03-01T09:00` (zone from `timeZone`).
        case iso8601
        /// A Unicode date pattern such as `dd.MM.yyyy HH:mm:ss`.
        case pattern(String)
    }

    public var kind: Kind
    public var timeZone: TimeZone

    public init(_ kind: Kind = .auto, timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.kind = kind
        self.timeZone = timeZone
    }

    /// The names a mapping file uses (`unix_s`, …); anything else is a date pattern.
    public static let names: [String: Kind] = [
        "auto": .auto, "unix_s": .unixSeconds, "unix_ms": .unixMilliseconds, "unix_us": .unixMicroseconds, "iso8601": .iso8601,
    ]

    /// What the format expects, for error messages.
    public var expectation: String {
        switch kind {
        case .auto: "a Unix time or an ISO 8601 time"
        case .unixSeconds: "Unix seconds"
        case .unixMilliseconds: "Unix milliseconds"
        case .unixMicroseconds: "Unix microseconds"
        case .iso8601: "an ISO 8601 time"
        case .pattern(let pattern): "a time like \"\(pattern)\""
        }
    }
}
