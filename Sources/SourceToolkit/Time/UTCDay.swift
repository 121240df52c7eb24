/// Dates given on the command line (`--since 2024-03-01`), read as days in UTC.
public enum UTCDay {
    /// Milliseconds since the epoch at 00:00 UTC of a `YYYY-MM-DD` date, or `nil` if malformed.
    public static func startMillis(_ date: String) -> Int64? {
        let parts = date.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int64(parts[0]), let month = Int64(parts[1]),
              let day = Int64(parts[2]), (1...12).contains(month), (1...31).contains(day) else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * 86_400_000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days-from-civil).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
