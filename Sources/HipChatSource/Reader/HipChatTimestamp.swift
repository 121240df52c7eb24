import SourceToolkit
/// HipChat's timestamp shapes, to milliseconds since the epoch (spec §1.4):
/// `2018-08-08T14:23:54Z 626267` (seconds with `Z`, a space, microseconds), the same without the
/// microseconds, ISO 8601 with a fraction and/or an offset (`2013-12-02T18:04:15+00:00`,
/// `2014-06-03T22:49:11.123-0700`), a space instead of the `T`, and epoch seconds or milliseconds.
/// Parsed by hand: no formatter, no locale, the same result everywhere.
enum HipChatTimestamp {
    static func milliseconds(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8(milliseconds)
    }

    /// Over the text's own bytes: copying them into an array was most of the cost of a stamp.
    private static func milliseconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if !bytes.isEmpty, bytes.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E }) {
            guard let value = Double(String(decoding: bytes, as: UTF8.self)) else { return nil }
            return value > 100_000_000_000 ? Int64(value) : Int64((value * 1000).rounded())
        }
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += digits
            return value
        }
        func expect(_ characters: String) -> Bool {
            guard index < bytes.count, characters.utf8.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
              expect("T "), let hour = number(2), expect(":"), let minute = number(2), expect(":"), let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var micros = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            micros = fraction(bytes, &index)
        }
        var offsetSeconds = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                _ = expect(":")
                let minutes = number(2) ?? 0
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            default:
                break
            }
        }
        // HipChat's own shape: a space, then the microseconds as a count ("626267", "5").
        if index < bytes.count, bytes[index] == UInt8(ascii: " ") {
            index += 1
            let start = index
            var value = 0
            while index < bytes.count, (0x30...0x39).contains(bytes[index]), index - start < 6 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            guard index > start else { return nil }
            micros = value
        }
        guard index == bytes.count else { return nil }
        let seconds = CivilTime.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            - Int64(offsetSeconds)
        return seconds * 1000 + Int64(micros / 1000)
    }

    /// Up to six digits of a fraction, as microseconds (further digits are read and dropped).
    private static func fraction(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int {
        var value = 0
        var digits = 0
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
            if digits < 6 { value = value * 10 + Int(bytes[index] - 0x30) }
            digits += 1
            index += 1
        }
        while digits < 6 {
            value *= 10
            digits += 1
        }
        return value
    }
}
