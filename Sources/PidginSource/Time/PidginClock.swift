import SourceToolkit

/// Turns one log file's stamps into UTC times, in file order (libpurple's `log_get_timestamp`):
///
/// - A time-only stamp belongs to the day of the rolling "now", which starts at the file name's time.
///   Pidgin shows the date only when a message was more than 20 minutes old when logged, so a time-only
///   stamp up to 20 minutes before "now" is a delayed message of the same day; earlier than that, the
///   conversation crossed midnight (there are no day-change markers) and a day is added.
/// - A full-date stamp is taken literally and only ever moves "now" forwards: delayed and replayed
///   messages arrive out of order.
struct PidginClock {
    /// Pidgin's threshold for showing the date (seconds).
    static let dateShownAfter: Int64 = 20 * 60

    let zone: CivilTime.Zone
    /// The file's date order (detected from its header or forced by `--date-order`), if known.
    let dateOrder: PidginDateOrder?
    /// Wall-clock seconds of the latest moment the log is known to have reached.
    private(set) var now: Int64

    init(start: Int64, zone: CivilTime.Zone, dateOrder: PidginDateOrder?) {
        self.now = start
        self.zone = zone
        self.dateOrder = dateOrder
    }

    /// The stamp's time in UTC milliseconds, or `nil` when its date is no real date in any allowed order.
    mutating func resolve(_ stamp: PidginStamp) -> Int64? {
        guard let local = localSeconds(stamp) else { return nil }
        return zone.utcMillis(local: local)
    }

    private mutating func localSeconds(_ stamp: PidginStamp) -> Int64? {
        let tod = Int64(stamp.secondOfDay)
        guard let date = stamp.date else {
            let midnight = floorDiv(now, 86_400) * 86_400
            var candidate = midnight + tod
            if candidate < now - Self.dateShownAfter {
                candidate += 86_400  // crossed midnight
            } else if candidate - 86_400 >= now - Self.dateShownAfter {
                return candidate - 86_400  // delayed a little, from just before midnight
            }
            now = max(now, candidate)
            return candidate
        }
        let orders: [PidginDateOrder] = dateOrder.map { date.firstHasFourDigits ? [.ymd] : [$0] } ?? PidginDateOrder.candidates(for: date)
        // Several orders fit (no header told): the reading closest to "now", preferring the past (delayed).
        var best: Int64?
        for order in orders {
            guard let (year, month, day) = order.date(date) else { continue }
            let local = CivilTime.seconds(year: year, month: month, day: day) + tod
            if let current = best, distance(current) <= distance(local) { continue }
            best = local
        }
        if let best { now = max(now, best) }
        return best
    }

    /// How far a reading is from "now", with future readings counted as twice as far (delays are common).
    private func distance(_ local: Int64) -> Int64 { local <= now ? now - local : 2 * (local - now) }

    private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
}
