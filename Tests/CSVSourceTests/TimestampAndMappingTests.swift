import Foundation
import Testing
@testable import CSVSource

@Suite struct TimestampTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!

    @Test func unixSecondsMillisecondsMicroseconds() {
        #expect(TimestampParser(TimestampFormat(.unixSeconds)).milliseconds("1357559471") == 1_357_559_471_000)
        #expect(TimestampParser(TimestampFormat(.unixSeconds)).milliseconds("1357559471.000200") == 1_357_559_471_000)
        #expect(TimestampParser(TimestampFormat(.unixSeconds)).milliseconds("1357559471.25") == 1_357_559_471_250)
        #expect(TimestampParser(TimestampFormat(.unixMilliseconds)).milliseconds("1357559471123") == 1_357_559_471_123)
        let seconds = TimestampParser(TimestampFormat(.unixSeconds))
        #expect(seconds.milliseconds(" 1357559471.5\t") == 1_357_559_471_500)
        #expect(seconds.milliseconds("-0.5") == -500)
        #expect(seconds.milliseconds("-1.25") == -1_250)
        for bad in ["+1", "1.", "1.x", ".5", "", "  ", "1,5", "１２"] { #expect(seconds.milliseconds(bad) == nil, "\(bad)") }
        #expect(TimestampParser(TimestampFormat(.unixMicroseconds)).milliseconds("1357559471123456") == 1_357_559_471_123)
        #expect(TimestampParser(TimestampFormat(.unixSeconds)).milliseconds("13575x") == nil)
    }

    @Test func autoChoosesByMagnitudeOrISO() {
        let auto = TimestampParser(TimestampFormat())
        #expect(auto.milliseconds("1357559471") == 1_357_559_471_000)
        #expect(auto.milliseconds("1357559471123") == 1_357_559_471_123)
        #expect(auto.milliseconds("1357559471123456") == 1_357_559_471_123)
        #expect(auto.milliseconds("2013-01-07T11:51:11Z") == 1_357_559_471_000)
    }

    @Test func iso8601WithAndWithoutZones() {
        let utc = TimestampParser(TimestampFormat(.iso8601))
        #expect(utc.milliseconds("2024-03-01T09:00:00Z") == 1_709_283_600_000)
        #expect(utc.milliseconds("2024-03-01T09:00:00.5Z") == 1_709_283_600_500)
        #expect(utc.milliseconds("2024-03-01 10:00:00+01:00") == 1_709_283_600_000)
        #expect(utc.milliseconds("2024-03-01T10:00:00.123456+0100") == 1_709_283_600_123)
        #expect(utc.milliseconds("2024-03-01T09:00") == 1_709_283_600_000)
        #expect(utc.milliseconds("2024-03-01") == 1_709_251_200_000)
        #expect(utc.milliseconds("2024-13-01T09:00:00Z") == nil)
        #expect(utc.milliseconds("2024-03-01T09:00:00Zjunk") == nil)
        // No zone in the text: the mapping's zone (summer and winter time).
        let local = TimestampParser(TimestampFormat(.iso8601, timeZone: Self.berlin))
        #expect(local.milliseconds("2024-03-01T10:00:00") == 1_709_283_600_000)
        #expect(local.milliseconds("2024-07-01T11:00:00") == 1_719_824_400_000)
        #expect(local.milliseconds("2024-07-01T11:00:00Z") == 1_719_831_600_000)
    }

    @Test func patternInATimeZone() {
        let parser = TimestampParser(TimestampFormat(.pattern("dd.MM.yyyy HH:mm"), timeZone: Self.berlin))
        #expect(parser.milliseconds("01.03.2024 10:00") == 1_709_283_600_000)
        #expect(parser.milliseconds("2024-03-01") == nil)
    }
}

@Suite struct MappingLoaderTests {
    @Test func exampleMappingLoads() throws {
        let mapping = try MappingLoader.load(BespokeFiles.example("mapping.yaml"))
        #expect(mapping.fields.user == .name("author"))
        #expect(mapping.fields.reactions == .name("reactions"))
        #expect(mapping.timestamp == TimestampFormat(.pattern("yyyy-MM-dd HH:mm:ss"), timeZone: TimeZone(identifier: "Europe/Berlin")!))
        #expect(mapping.editedAt == TimestampFormat(.iso8601))
        #expect(mapping.header && mapping.delimiter == nil && !mapping.backslashEscapes)
    }

    @Test func columnNumbersAndQuotedNames() throws {
        let mapping = try MappingLoader.parse("fields: {user: 3, channel: \"2\", timestamp: 1}\ncsv: {header: false, delimiter: tab}\n")
        #expect(mapping.fields.user == .number(3))
        #expect(mapping.fields.channel == .name("2"))
        #expect(mapping.delimiter == .tab && !mapping.header)
    }

    @Test(arguments: [
        ("fields: {user: a, timestamp: b, channel: c, usr: d}\n",
         "mapping line 1: fields.usr: unknown key (expected one of: user, channel, dm_members, dm, timestamp, text, message_id, thread_parent_id, edited_at, attachments, reactions, channel_type, channel_header)"),
        ("fields: {channel: c, timestamp: b}\n", "mapping line 1: fields.user: missing: expected the column or JSON path of the author's username"),
        ("fields: {user: a, channel: c}\n", "mapping line 1: fields.timestamp: missing: expected the column or JSON path of the message time"),
        ("fields: {user: a, timestamp: t}\n", "mapping line 1: fields.channel: missing: expected a channel column (or fields.dm_members for direct messages)"),
        ("fields: {user: 0, timestamp: t, channel: c}\n", "mapping line 1: fields.user: expected a column number of 1 or more, found 0"),
        ("fields: {user: [a, b], timestamp: t, channel: c}\n", "mapping line 1: fields.user: expected a column name, a column number (1 = first) or a JSON path"),
        ("fields: {user: a, timestamp: t, channel: c}\ntimestamp: {format: fortnights}\n",
         "mapping line 2: timestamp.format: expected unix_s, unix_ms, unix_us, iso8601, auto or a date pattern such as \"yyyy-MM-dd HH:mm:ss\", found \"fortnights\""),
        ("fields: {user: a, timestamp: t, channel: c}\ntimestamp: {time_zone: Mars/Olympus}\n",
         "mapping line 2: timestamp.time_zone: expected a time zone name such as UTC or Europe/Berlin, found \"Mars/Olympus\""),
        ("fields: {user: a, timestamp: t, channel: c}\ncsv: {delimiter: \"|\"}\n", "mapping line 2: csv.delimiter: expected \",\", \";\", tab or auto, found \"|\""),
        ("fields: {user: a, timestamp: t, channel: c}\ncsv: {header: maybe}\n", "mapping line 2: csv.header: expected true or false, found \"maybe\""),
        ("colums: {}\n", "mapping line 1: colums: unknown key (expected one of: csv, fields, timestamp, edited_at, list_separator)"),
        ("- a\n- b\n", "mapping line 1: expected a mapping with the keys csv, fields, timestamp, edited_at, list_separator"),
    ])
    func errorsNameTheKeyAndWhatWasExpected(_ yaml: String, _ message: String) {
        let error = #expect(throws: MappingError.self) { try MappingLoader.parse(yaml) }
        #expect(error?.description == message)
    }

    @Test func invalidYAMLIsOneLine() {
        let error = #expect(throws: MappingError.self) { try MappingLoader.parse("fields: {user: a\n  b: [\n") }
        #expect(error?.description.hasPrefix("mapping: not valid YAML") == true)
        #expect(error?.description.contains("\n") == false)
    }
}
