import Foundation
import SourceToolkit

/// Reads times in one `TimestampFormat` as milliseconds since the epoch. Unix and ISO 8601 times are
/// parsed by hand (the hot path: one per row); patterns go through a reused `DateFormatter`.
public final class TimestampParser {
    public let format: TimestampFormat
    private let isUTC: Bool
    private lazy var calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = format.timeZone
        return calendar
    }()
    private lazy var formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = format.timeZone
        if case .pattern(let pattern) = format.kind { formatter.dateFormat = pattern }
        return formatter
    }()

    public init(_ format: TimestampFormat) {
        self.format = format
        isUTC = ["UTC", "GMT"].contains(format.timeZone.identifier)
    }

    /// The time in milliseconds, `nil` if `text` is not in the format.
    public func milliseconds(_ text: String) -> Int64? {
        // One per row: skip the trim when the ends are not blank, and never bridge to NSString.
        let utf8 = text.utf8
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 >= 0x80 }
        let trimmed = utf8.first.map(blank) == false && utf8.last.map(blank) == false ? text : text.trimmingWhitespace
        switch format.kind {
        case .auto:
            if let digits = Int64(trimmed) {
                let magnitude = abs(digits)
                return magnitude >= 100_000_000_000_000 ? digits / 1000 : magnitude >= 100_000_000_000 ? digits : digits * 1000
            }
            return Self.decimalSeconds(trimmed) ?? iso8601(trimmed)
        case .unixSeconds: return Self.decimalSeconds(trimmed)
        case .unixMilliseconds: return Int64(trimmed)
        case .unixMicroseconds: return Int64(trimmed).map { $0 / 1000 }
        case .iso8601: return iso8601(trimmed)
        case .pattern: return formatter.date(from: trimmed).map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
        }
    }

    /// `1357559471` or `1357559471.000200` as milliseconds (digits past the third fraction digit dropped).
    static func decimalSeconds(_ text: String) -> Int64? {
        let dot = text.utf8.firstIndex(of: UInt8(ascii: "."))
        let whole = text[..<(dot ?? text.endIndex)]
        guard let seconds = Int64(whole), whole.utf8.first != UInt8(ascii: "+") else { return nil }
        guard let dot else { return seconds * 1000 }
        let fraction = text.utf8[text.utf8.index(after: dot)...]
        guard !fraction.isEmpty, fraction.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        var millis: Int64 = 0, scale: Int64 = 100
        for digit in fraction.prefix(3) {
            millis += Int64(digit - 0x30) * scale
            scale /= 10
        }
        // "-0.5" is half a second before the epoch, though its whole part reads as 0.
        return seconds * 1000 + (whole.utf8.first == UInt8(ascii: "-") ? -millis : millis)
    }

    /// `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH[:]MM]`; a time without a zone is in the format's zone.
    func iso8601(_ text: String) -> Int64? {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
              let day = scanner.number(2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0, millis = 0
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let h = scanner.number(2), scanner.skip(":"), let m = scanner.number(2), h < 24, m < 60 else { return nil }
            hour = h
            minute = m
            if scanner.skip(":") {
                guard let s = scanner.number(2), s <= 60 else { return nil }
                second = min(s, 59)
                if scanner.skip(".") || scanner.skip(",") {
                    var digits = 0
                    while let d = scanner.digit() {
                        if digits < 3 { millis = millis * 10 + d }
                        digits += 1
                    }
                    guard digits > 0 else { return nil }
                    if digits < 3 { for _ in digits..<3 { millis *= 10 } }
                }
            }
        }
        var offset: Int?
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let h = scanner.number(2) else { return nil }
            _ = scanner.skip(":")
            let m = scanner.number(2) ?? 0
            offset = sign * (h * 3600 + m * 60)
        }
        guard scanner.atEnd else { return nil }
        let local = CivilTime.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        if let offset { return (local - Int64(offset)) * 1000 + Int64(millis) }
        if isUTC { return local * 1000 + Int64(millis) }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components) else { return nil }
        return Int64(date.timeIntervalSince1970) * 1000 + Int64(millis)
    }
}

/// Reads fixed-width numbers and separators from ASCII bytes.
private struct DigitScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        index += 1
        return Int(bytes[index - 1] - 0x30)
    }

    mutating func number(_ width: Int) -> Int? {
        var value = 0
        for _ in 0..<width {
            guard let d = digit() else { return nil }
            value = value * 10 + d
        }
        return value
    }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue! else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
