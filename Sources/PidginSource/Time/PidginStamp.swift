/// A message time as written between the parentheses of a log line: a time of day (`10:32:05 AM`,
/// `22:32:05`), with a date in front or behind when the message was more than 20 minutes old when logged
/// (`12/09/2011 01:24:03 AM`, `2011-12-09 01:24:03`, `01:24:03 09.12.2011`).
struct PidginStamp: Equatable {
    /// The three numbers of a numeric date, in written order; their meaning depends on `PidginDateOrder`.
    struct NumericDate: Equatable {
        var first: Int
        var second: Int
        var third: Int
        var firstHasFourDigits: Bool
    }

    var hour: Int
    var minute: Int
    var second: Int
    var date: NumericDate?

    /// Seconds since midnight.
    var secondOfDay: Int { hour * 3_600 + minute * 60 + second }

    /// Parses the text between the parentheses; `nil` if it is not a time (with optional date and AM/PM).
    static func parse(_ text: some StringProtocol) -> PidginStamp? {
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" })
        guard !tokens.isEmpty, tokens.count <= 4 else { return nil }
        var clock: [Int]?
        var meridiem: Bool?  // true: PM
        var date: NumericDate?
        for token in tokens {
            let lower = token.lowercased()
            if lower == "am" || lower == "a.m." {
                guard meridiem == nil else { return nil }
                meridiem = false
            } else if lower == "pm" || lower == "p.m." {
                guard meridiem == nil else { return nil }
                meridiem = true
            } else if token.contains(":") {
                guard clock == nil, let parts = numbers(token, separators: [":"]), (2...3).contains(parts.count) else { return nil }
                clock = parts
            } else {
                let trimmed = token.hasSuffix(".") ? Substring(token.dropLast()) : Substring(token)
                guard date == nil, let parts = numbers(trimmed, separators: ["/", ".", "-"]), parts.count == 3 else { return nil }
                date = NumericDate(first: parts[0], second: parts[1], third: parts[2],
                                   firstHasFourDigits: trimmed.prefix { $0.isASCII && $0.isNumber }.count == 4)
            }
        }
        guard let clock else { return nil }
        var hour = clock[0]
        let minute = clock[1], second = clock.count == 3 ? clock[2] : 0
        if let meridiem {
            guard (1...12).contains(hour) else { return nil }
            hour = hour % 12 + (meridiem ? 12 : 0)
        }
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        return PidginStamp(hour: hour, minute: minute, second: min(second, 59), date: date)
    }

    /// The decimal numbers of `token` split at any one kind of `separators` (all parts non-empty digits).
    private static func numbers(_ token: some StringProtocol, separators: Set<Character>) -> [Int]? {
        guard let separator = token.first(where: separators.contains) else { return nil }
        var result: [Int] = []
        for part in token.split(separator: separator, omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.count <= 4, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return nil }
            result.append(value)
        }
        return result
    }
}
