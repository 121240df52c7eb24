import MigrationCore

/// `2017-07-14T02:40:00Z`-style UTC timestamps for generated exports, formatted without Foundation
/// (a date formatter per message dominated generating large exports).
enum BenchTimestamp {
    /// `YYYY-MM-DDTHH:MM:SSZ` of `epochSeconds` (UTC, proleptic Gregorian).
    static func iso8601(epochSeconds: Int) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / 86_400 : (epochSeconds - 86_399) / 86_400
        let secondOfDay = epochSeconds - days * 86_400
        let (year, month, day) = CivilDay.date(daysSinceEpoch: days)
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2) + "T" + padded(secondOfDay / 3_600, 2) + ":"
            + padded(secondOfDay / 60 % 60, 2) + ":" + padded(secondOfDay % 60, 2) + "Z"
    }

    /// `value` in decimal, zero-padded on the left to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
