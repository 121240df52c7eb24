import Foundation
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
@testable import SlackSource

/// Enterprise Grid layouts, `org_users.json`, `--since` delta runs and bad input (issue items 2, 8, 9).
@Suite struct ExportShapeTests {
    typealias B = SlackExportBuilder

    static func gridExport() -> SlackExportBuilder {
        var export = SlackExportBuilder()
        export["org_users.json"] = [
            B.user("W1", "ann", email: "ann@org.example"),
            B.user("W2", "ben", email: "ben@org.example"),
        ]
        export["channels.json"] = [B.channel("C9", "org-announcements", members: ["W1", "W2"])]
        export["org-announcements/2024-01-01.json"] = [B.message("W2", "shared news", ts: "1704103200.000100", extra: ["team": "T2"])]
        for (folder, team, user, channel) in [("sales", "T1", "W1", "CS1"), ("support", "T2", "W2", "CS2")] {
            var member = B.user(user, user == "W1" ? "ann" : "ben", email: "x@org.example")
            member["team_id"] = team
            export["teams/\(folder)/users.json"] = [member]
            export["teams/\(folder)/channels.json"] = [B.channel(channel, "general", members: [user])]
            export["teams/\(folder)/general/2024-01-01.json"] = [B.message(user, "hello from \(folder)", ts: "1704103200.000200")]
        }
        return export
    }

    @Test("day files are exactly YYYY-MM-DD.json, directly in the conversation's folder", arguments: [
        ("2024-01-31.json", true), ("0000-00-00.json", true), ("2024-1-31.json", false), ("2024-01-31.jsonx", false),
        ("2024-01-31.JSON", false), ("2024_01-31.json", false), ("2024-0a-31.json", false), ("x/2024-01-3.json", false),
        ("sub/24-01-31.json", false), ("2024-01-31json", false), ("", false), ("2024-01-٣1.json", false),
    ])
    func dayFileNames(_ name: String, isDayFile: Bool) {
        #expect(SlackExportLayout.isDayFileName(name[...]) == isDayFile)
    }

    @Test func enterpriseGridBecomesOneTeamPerWorkspace() throws {
        let url = try Self.gridExport().writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let mapFile = TemporaryDirectory.root.appendingPathComponent("map-\(UUID().uuidString).json")
        try Data(#"{"sales": "sales-team"}"#.utf8).write(to: mapFile)
        let map = try SlackConversion.loadTeamMap(mapFile)
        let result = try Conversion.run(url, options: { $0.teamMap = map })
        result.expectValid()
        result.expectBalanced()
        let teams = result.lines.filter { $0.hasPrefix("{\"type\":\"team\"") }
        #expect(teams.count == 2)
        #expect(teams.contains { $0.contains("\"name\":\"sales-team\"") } && teams.contains { $0.contains("\"name\":\"support\"") })
        // Both workspaces have a `general`: each lands in its own team.
        #expect(result.lines.filter { $0.contains("\"name\":\"general\",") && $0.hasPrefix("{\"type\":\"channel\"") }.count == 2)
        // The shared channel follows its first message's workspace (T2 = support, by its users' team_id).
        #expect(result.lines.contains { $0.contains("{\"team\":\"support\",\"name\":\"org-announcements\"") })
    }

    @Test func orgUsersAndStringCreated() throws {
        var export = SlackExportBuilder()
        export["org_users.json"] = [B.user("W1", "ann", email: "ann@org.example")]
        export["channels.json"] = [B.channel("C1", "general", members: ["W1"], created: "1452837318")]
        export["general/2024-01-01.json"] = [B.message("W1", "hi", ts: "1704103200.5")]
        let url = try export.writeDirectory()
        let result = try Conversion.run(url)
        result.expectValid()
        #expect(result.lines.contains { $0.contains("\"user\":\"ann\",\"message\":\"hi\",\"create_at\":1704103200500") })
    }

    @Test func sinceKeepsLaterMessagesWithIdenticalLines() throws {
        let url = try AdversarialExport.build().writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let full = try Conversion.run(url, botOwner: "alice")
        let delta = try Conversion.run(url, options: { $0.since = UTCDay.startMillis("2023-11-16") }, botOwner: "alice")
        delta.expectValid()
        delta.expectBalanced()
        #expect(delta.report.skipped.contains { $0.reason == "before --since" })
        for text in ["same millisecond A", "same millisecond B", "from blocks"] {
            let before = full.lines.first { $0.contains(text) }
            #expect(before != nil && before == delta.lines.first { $0.contains(text) }, "\(text): identical line")
        }
        // The thread that continues after the date keeps its root, so new replies attach to it.
        let root = try #require(delta.lines.first { $0.contains("hello @bob.smith") })
        #expect(root.contains("reply on the next day"))
        #expect(!delta.jsonl.contains("meetup one"))
    }

    @Test func malformedDayFileStopsWithEntryAndOffset() throws {
        var export = AdversarialExport.build()
        export["meetup/2023-11-15.json"] = "[{\"type\": \"message\", \"ts\": \"1.0\" \"text\": \"x\"}]"
        let url = try export.writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try Conversion.run(url, botOwner: "alice")
            Issue.record("expected an error")
        } catch let error as SlackSourceError {
            #expect(error == .malformedJSON(archive: url.lastPathComponent, entry: "meetup/2023-11-15.json", offset: 33,
                                            detail: "expected ',' or '}' in an object"))
            #expect(error.description.contains("meetup/2023-11-15.json: malformed JSON at byte 33"))
            #expect(error.description.contains("--lenient"))
        }
        let lenient = try Conversion.run(url, options: { $0.lenient = true }, botOwner: "alice")
        lenient.expectValid()
        lenient.expectBalanced()
        let skipped = try #require(lenient.report.skipped.first { $0.kind == "day_file" && $0.reason.contains("--lenient") })
        #expect(skipped.items.first?.contains("meetup/2023-11-15.json") == true)
        #expect(lenient.jsonl.contains("meetup one"), "the rest is converted")
    }

    @Test func wrongShapeIsReported() throws {
        var export = AdversarialExport.build()
        export["meetup/2023-11-15.json"] = "{\"not\": \"an array\"}"
        let url = try export.writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: SlackSourceError.malformedJSON(archive: url.lastPathComponent, entry: "meetup/2023-11-15.json",
                                                       offset: 0, detail: "expected an array ('[') at the top level")) {
            _ = try Conversion.run(url, botOwner: "alice")
        }
    }

    @Test func notASlackExport() throws {
        let url = try SlackExportBuilder(files: ["readme.txt": "hello"]).writeDirectory()
        #expect(throws: SlackSourceError.notASlackExport(archive: url.lastPathComponent)) {
            _ = try SlackReader(url: url, options: SlackOptions(teamName: "x"))
        }
    }
}
