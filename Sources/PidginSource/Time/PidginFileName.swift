import SourceToolkit

/// The start of a conversation as its log's file name records it: `2011-08-20.205921-0700PDT.html`
/// (local date and time, UTC offset, zone abbreviation) or, from Gaim and early Pidgin, without the zone
/// (`2006-12-21.223606.txt`). The time is the writer's local wall clock.
struct PidginFileName: Equatable {
    enum Format: Equatable { case html, text }

    /// Wall-clock seconds (see `CivilTime`) of the conversation's start.
    var localStart: Int64
    var year: Int
    var month: Int
    var day: Int
    /// The `±hhmm` offset in seconds, if the name has one.
    var offsetSeconds: Int?
    var format: Format

    /// Parses a (percent-decoded) file name; `nil` for anything else (an inline image, an old `.log`).
    static func parse(_ name: String) -> PidginFileName? {
        let lower = name.lowercased()
        let format: Format
        let stem: Substring
        if lower.hasSuffix(".html") { format = .html; stem = name.dropLast(5) }
        else if lower.hasSuffix(".htm") { format = .html; stem = name.dropLast(4) }
        else if lower.hasSuffix(".txt") { format = .text; stem = name.dropLast(4) }
        else { return nil }
        let chars = Array(stem.utf8)
        // YYYY-MM-DD.HHMMSS is 17 bytes: the lister's own minimum.
        guard chars.count >= 17, chars[4] == UInt8(ascii: "-"), chars[7] == UInt8(ascii: "-"), chars[10] == UInt8(ascii: ".") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                guard chars[index] >= 0x30, chars[index] <= 0x39 else { return nil }
                value = value * 10 + Int(chars[index] - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(13..<15), let second = number(15..<17),
              CivilTime.isValidDate(year: year, month: month, day: day), hour < 24, minute < 60, second < 61 else { return nil }
        var offset: Int?
        if chars.count >= 22, chars[17] == UInt8(ascii: "+") || chars[17] == UInt8(ascii: "-"),
           let hours = number(18..<20), let minutes = number(20..<22), minutes < 60 {
            offset = (hours * 3_600 + minutes * 60) * (chars[17] == UInt8(ascii: "-") ? -1 : 1)
        }
        return PidginFileName(localStart: CivilTime.seconds(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59)),
                              year: year, month: month, day: day, offsetSeconds: offset, format: format)
    }
}
