import SourceToolkit
/// XEP-0082 date-times (`2019-05-01T10:00:00.123Z`, `…+02:00`) and the legacy XEP-0091 form
/// (`20020910T23:08:25`, always UTC), as milliseconds since the epoch. Parsed by hand: it runs once
/// per stanza and must not depend on the machine's locale or time zone.
enum XMPPTimestamp {
    static func milliseconds(_ text: String) -> Int64? {
        let s = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var value = 0
            for byte in s[i..<i + digits] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            i += digits
            return value
        }
        func skip(_ char: UInt8) -> Bool {
            guard i < s.count, s[i] == char else { return false }
            i += 1
            return true
        }
        guard let year = number(4) else { return nil }
        let dashed = skip(UInt8(ascii: "-"))
        guard let month = number(2), !dashed || skip(UInt8(ascii: "-")), let day = number(2),
              skip(UInt8(ascii: "T")), let hour = number(2), skip(UInt8(ascii: ":")), let minute = number(2),
              skip(UInt8(ascii: ":")), let second = number(2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second <= 60 else { return nil }
        var millis = 0
        if skip(UInt8(ascii: ".")) {
            var scale = 100
            while i < s.count, s[i] >= 48 && s[i] <= 57 {
                millis += Int(s[i] - 48) * scale
                scale /= 10
                i += 1
            }
        }
        var offsetMinutes = 0
        if i < s.count {
            if skip(UInt8(ascii: "Z")) {
            } else if s[i] == UInt8(ascii: "+") || s[i] == UInt8(ascii: "-") {
                let sign = s[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                guard let hours = number(2), skip(UInt8(ascii: ":")), let minutes = number(2) else { return nil }
                offsetMinutes = sign * (hours * 60 + minutes)
            } else {
                return nil
            }
        }
        guard i == s.count else { return nil }
        let seconds = CivilTime.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            - Int64(offsetMinutes * 60)
        return seconds * 1000 + Int64(millis)
    }
}
