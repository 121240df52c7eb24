import Foundation

/// Wall-clock times as logs write them (a date and a time in some zone, no offset on each line), as
/// seconds since 1970-01-01 00:00 of that same wall clock, and their conversion to UTC.
public enum CivilTime {
    /// Seconds since 1970-01-01T00:00 of the wall clock for a date and time (no zone applied).
    public static func seconds(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Int64 {
        UTCDay.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day)) * 86_400
            + Int64(hour * 3_600 + minute * 60 + second)
    }

    /// Whether year/month/day is a real calendar date (proleptic Gregorian).
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return day <= (month == 2 && leap ? 29 : lengths[month - 1])
    }

    /// How a wall clock relates to UTC: a fixed offset (as a file name records it) or a named zone with
    /// its daylight-saving rules.
    public enum Zone: Sendable, Equatable {
        case offset(seconds: Int)
        case named(TimeZone)

        /// Milliseconds since the epoch (UTC) of wall-clock `local` seconds in this zone. In a named zone a
        /// time that does not exist (skipped by a DST change) or exists twice resolves to the earlier offset.
        public func utcMillis(local: Int64) -> Int64 {
            switch self {
            case .offset(let seconds):
                return (local - Int64(seconds)) * 1_000
            case .named(let zone):
                let guess = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local)))
                let offset = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(local - Int64(guess))))
                return (local - Int64(offset)) * 1_000
            }
        }
    }
}
