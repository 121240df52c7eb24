import SourceToolkit
import Testing
@testable import PidginSource

/// Timestamp resolution (spec §3.4): the file name's start, the 20-minute full-date rule, midnight
/// wraps, delayed messages and the date order.
@Suite struct PidginClockTests {
    func stamp(_ text: String) -> PidginStamp { PidginStamp.parse(text)! }

    @Test func midnightWrapAndDelayedMessages() throws {
        // The chatlogsync sample's shape: 01:13 → 01:24, a delayed full-date line, 18:08, a wrap to 01:15.
        let start = CivilTime.seconds(year: 2011, month: 12, day: 9, hour: 1, minute: 13, second: 43)
        var clock = PidginClock(start: start, zone: .offset(seconds: -8 * 3_600), dateOrder: nil)
        #expect(clock.resolve(stamp("01:13:50")) == utc(2011, 12, 9, 9, 13, 50))
        #expect(clock.resolve(stamp("01:24:00")) == utc(2011, 12, 9, 9, 24, 0))
        #expect(clock.resolve(stamp("2011-12-08 23:00:00")) == utc(2011, 12, 9, 7, 0, 0))  // delayed: literal, now unchanged
        #expect(clock.resolve(stamp("01:10:00")) == utc(2011, 12, 9, 9, 10, 0))  // 14 min late, same day
        #expect(clock.resolve(stamp("18:08:00")) == utc(2011, 12, 10, 2, 8, 0))
        #expect(clock.resolve(stamp("01:15:00")) == utc(2011, 12, 10, 9, 15, 0))  // next day
        #expect(clock.resolve(stamp("01:13:43")) == utc(2011, 12, 10, 9, 13, 43))  // delayed 2 min, not a third day
        #expect(clock.resolve(stamp("00:30:00")) == utc(2011, 12, 11, 8, 30, 0))  // third day
    }

    @Test func delayedAcrossMidnight() throws {
        let start = CivilTime.seconds(year: 2011, month: 1, day: 1, hour: 23, minute: 50, second: 0)
        var clock = PidginClock(start: start, zone: .offset(seconds: 0), dateOrder: nil)
        #expect(clock.resolve(stamp("00:05:00")) == utc(2011, 1, 2, 0, 5, 0))
        #expect(clock.resolve(stamp("23:55:00")) == utc(2011, 1, 1, 23, 55, 0))  // 10 minutes late
        #expect(clock.resolve(stamp("00:06:00")) == utc(2011, 1, 2, 0, 6, 0))
    }

    @Test func fullDatesFollowTheDateOrder() throws {
        let start = CivilTime.seconds(year: 2011, month: 3, day: 4, hour: 20, minute: 0, second: 0)
        var mdy = PidginClock(start: start, zone: .offset(seconds: 0), dateOrder: .mdy)
        #expect(mdy.resolve(stamp("03/02/2011 10:00:00 PM")) == utc(2011, 3, 2, 22, 0, 0))
        var dmy = PidginClock(start: start, zone: .offset(seconds: 0), dateOrder: .dmy)
        #expect(dmy.resolve(stamp("03.02.2011 22:00:00")) == utc(2011, 2, 3, 22, 0, 0))
        // Unknown order: the reading nearest before "now" wins (03/02 = 2 March, not 3 February).
        var unknown = PidginClock(start: start, zone: .offset(seconds: 0), dateOrder: nil)
        #expect(unknown.resolve(stamp("03/02/2011 10:00:00 PM")) == utc(2011, 3, 2, 22, 0, 0))
        // A two-digit year (glibc en_US %x in older versions).
        var short = PidginClock(start: start, zone: .offset(seconds: 0), dateOrder: .mdy)
        #expect(short.resolve(stamp("03/02/11 10:00:00 PM")) == utc(2011, 3, 2, 22, 0, 0))
        #expect(short.resolve(stamp("02/30/2011 10:00:00 PM")) == nil)
    }

    @Test func namedZoneAppliesDaylightSaving() throws {
        let berlin = CivilTime.Zone.named(.init(identifier: "Europe/Berlin")!)
        #expect(berlin.utcMillis(local: CivilTime.seconds(year: 2011, month: 7, day: 1, hour: 12)) == utc(2011, 7, 1, 10, 0, 0))
        #expect(berlin.utcMillis(local: CivilTime.seconds(year: 2011, month: 1, day: 1, hour: 12)) == utc(2011, 1, 1, 11, 0, 0))
    }
}
