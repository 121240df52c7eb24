import Foundation
import MattermoveFixtures
import Testing
import TestSupport
@testable import MigrationCore

/// The report's per-conversation figures, collected while exporting: messages in (skips included),
/// posts out, re-timed and split messages as changed, first/last post and posts per month, with a
/// merged DM folded into the one it joined; the same figures in the JSON and on the HTML page.
@Suite struct ConversationFiguresTests {
    static let jan2024: Int64 = 1_704_067_200_000, feb2024: Int64 = 1_706_745_600_000, mar2024: Int64 = 1_709_251_200_000

    static func fill(_ staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: "T", name: "team"))
        for id in ["UA", "UB"] { try staging.add(SourceUser(id: id, username: id.lowercased(), email: "\(id)@example.org")) }
        try staging.add(SourceChannel(id: "C1", teamID: "T", name: "general", memberIDs: ["UA", "UB"]))
        try staging.add(SourceChannel(id: "C2", teamID: "T", name: "quiet", memberIDs: ["UA"]))
        try staging.add(SourceDirectConversation(id: "D1", memberIDs: ["UA", "UB"]))
        try staging.add(SourceDirectConversation(id: "D2", memberIDs: ["UB", "UA"]))
        // Two messages in the same millisecond: the second is moved by 1 ms (changed).
        try staging.add(SourceMessage(id: "m1", conversationID: "C1", authorID: "UA", text: "one", createdAt: jan2024))
        try staging.add(SourceMessage(id: "m2", conversationID: "C1", authorID: "UB", text: "two", createdAt: jan2024))
        try staging.add(SourceMessage(id: "m3", conversationID: "C1", authorID: "UA", text: "three", createdAt: jan2024 + 60_000))
        try staging.add(SourceMessage(id: "m4", conversationID: "C1", authorID: "UA", text: "four", createdAt: mar2024))
        staging.recordSkipped(.messages, reason: "test skip", item: "C1:m5", conversation: "C1")
        try staging.add(SourceMessage(id: "d1", conversationID: "D1", authorID: "UA", text: "dm", createdAt: feb2024))
        try staging.add(SourceMessage(id: "d2", conversationID: "D2", authorID: "UB", text: "dm too", createdAt: feb2024 + 1_000))
    }

    @Test func figuresPerConversation() throws {
        let staging = try MigrationStaging(source: "test")
        try Self.fill(staging)
        let url = TemporaryDirectory.root.appendingPathComponent("mm-figures-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try PackageExporter(staging: staging, files: SyntheticFiles(), options: ExportOptions(defaultEmailDomain: "example.org")).export(to: url)

        var general = MigrationReport.ConversationFigures()
        general.messagesIn = 5
        general.messagesOut = 4
        general.skipped = 1
        general.changed = 1
        general.firstPostAt = Self.jan2024
        general.lastPostAt = Self.mar2024
        general.postsPerMonth = ["2024-01": 3, "2024-03": 1]
        #expect(report.conversations["C1"] == general)
        #expect(report.conversations["C2"] == MigrationReport.ConversationFigures(), "a channel without messages still has a row")
        #expect(report.conversations["D1"]?.messagesIn == 2 && report.conversations["D1"]?.messagesOut == 2, "D2 merged into D1")
        #expect(report.conversations["D2"] == nil)
        #expect(report.monthRange == ["2024-01", "2024-02", "2024-03"])

        let json = String(decoding: MigrationReportJSON.encode(report), as: UTF8.self)
        #expect(json.contains(#""C1":{"messages_in":5,"messages_out":4,"skipped":1,"changed":1,"first_post_at":1704067200000,"last_post_at":1709251200000,"posts_per_month":{"2024-01":3,"2024-03":1}}"#), "\(json)")
        #expect(json.contains(#""C2":{"messages_in":0,"messages_out":0,"skipped":0,"changed":0,"first_post_at":null,"last_post_at":null,"posts_per_month":{}}"#))

        let html = String(decoding: MigrationReportFile.encode(report, as: .html), as: UTF8.self)
        #expect(html.contains(#"<tr data-conversation="C1"><td data-value="team/general">team/general</td><td data-value="channel">channel</td><td data-field="messages_in" data-value="5">5</td><td data-field="messages_out" data-value="4">4</td><td data-field="skipped" data-value="1">1</td><td data-field="changed" data-value="1">1</td><td data-field="first" data-value="2024-01-01">2024-01-01</td><td data-field="last" data-value="2024-03-01">2024-03-01</td></tr>"#), "\(html)")
        #expect(html.contains(#"data-month="2024-02" data-count="2""#))
        #expect(MigrationReportFile.format(for: URL(fileURLWithPath: "r.HTML")) == .html)
        #expect(MigrationReportFile.format(for: URL(fileURLWithPath: "r.json")) == .json)
    }

    /// The sweep's month keys agree with a Gregorian UTC calendar on every day from 1970 to 2100
    /// (leap days, century years, 2000), since the report's histogram depends on them.
    @Test func monthKeysMatchTheCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        for day in stride(from: Int64(0), through: 47_482, by: 1) {
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let parts = calendar.dateComponents([.year, .month], from: date)
            let expected = String(format: "%04d-%02d", parts.year!, parts.month!)
            #expect(UTCMonth.text(UTCMonth.key(daysSinceEpoch: day)) == expected, "day \(day)")
            if UTCMonth.text(UTCMonth.key(daysSinceEpoch: day)) != expected { break }
        }
    }

    @Test func hostileTextIsEscaped() throws {
        var report = MigrationReport(source: "test")
        report.userMapping["U</script><b>"] = "name\"&'"
        report.recordSkipped("files", reason: "<img src=x onerror=alert(1)>", item: "</script><script>alert(1)</script>")
        let html = String(decoding: MigrationReportHTML.render(report), as: UTF8.self)
        let data = try #require(html.range(of: "<script type=\"application/json\" id=\"report-data\">"))
        let embedded = html[data.upperBound...].prefix { $0 != "\n" }
        #expect(!html[..<data.lowerBound].contains("<img src=x"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(embedded.hasSuffix("}</script>") && !embedded.dropLast("</script>".count).contains("<"), "no < inside the embedded JSON")
        #expect(html.components(separatedBy: "</script>").count == 3, "only the page's own two script elements end")
    }

    @Test func notesForTheAdminAreOnThePageAndInTheJSON() throws {
        var report = MigrationReport(source: "test")
        report.notes = ["bot owner 'admin' is not among the imported users: it must already exist on the server <x>"]
        let html = String(decoding: MigrationReportHTML.render(report), as: UTF8.self)
        #expect(html.contains("<div id=\"notes\"><h3>Before you import</h3><ul><li>bot owner &#39;admin&#39; is not among the imported users: it must already exist on the server &lt;x&gt;</li></ul></div>"))
        let json = String(decoding: MigrationReportJSON.encode(report), as: UTF8.self)
        #expect(json.contains(#""notes":["bot owner 'admin' is not among the imported users: it must already exist on the server <x>"]"#))
    }
}
