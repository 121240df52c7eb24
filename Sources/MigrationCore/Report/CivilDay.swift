/// Calendar dates from day numbers (UTC, proleptic Gregorian), without a `Calendar`: the time sweep
/// asks once per day of history, and generators once per message.
public enum CivilDay {
    /// The date of day `days` since 1970-01-01 (Howard Hinnant's civil-from-days).
    public static func date(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// The report's month keys (`YYYY-MM`, UTC).
enum UTCMonth {
    /// `year * 100 + month` of the UTC day `daysSinceEpoch`.
    static func key(daysSinceEpoch days: Int64) -> Int {
        let date = CivilDay.date(daysSinceEpoch: Int(days))
        return date.year * 100 + date.month
    }

    /// `YYYY-MM` for a key from `key(daysSinceEpoch:)`.
    static func text(_ key: Int) -> String {
        let year = String(key / 100), month = key % 100
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + (month < 10 ? "-0" : "-") + String(month)
    }
}
