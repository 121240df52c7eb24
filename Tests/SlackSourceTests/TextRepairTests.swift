import Foundation
import MattermostImport
import SourceToolkit
import Testing
@testable import SlackSource

/// Issue 7 §4: damaged strings in day files keep their text and are counted, never emptied silently.
@Suite struct TextRepairTests {
    static func export(day: String) -> SlackExportBuilder {
        var export = SlackExportBuilder()
        export["users.json"] = [SlackExportBuilder.user("U1", "alice", email: "alice@corp.example")]
        export["channels.json"] = [SlackExportBuilder.channel("C1", "general", members: ["U1"])]
        export["general/2023-11-15.json"] = day
        return export
    }

    static func message(_ text: String, _ second: Int) -> String {
        #"{"type": "message", "user": "U1", "text": "\#(text)", "ts": "17000000\#(second).000100"}"#
    }

    @Test func damagedStringsKeepTheirTextAndAreReported() throws {
        let day = "[" + [
            Self.message(#"escape \1 kept"#, 10), Self.message(#"bad \uZZ hex"#, 11),
            Self.message(#"lone \ud800 surrogate"#, 12), Self.message("raw\ttab", 13), Self.message("clean", 14),
        ].joined(separator: ",\n") + "]"
        let url = try Self.export(day: day).writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let result = try Conversion.run(url, botOwner: "alice")
        result.expectValid()
        result.expectBalanced()
        let messages = result.lines.compactMap { line -> String? in
            guard let post = (try? JSONParser.parse(line))?["post"] else { return nil }
            return post["message"]?.stringValue
        }
        #expect(messages == ["escape \\1 kept", "bad \\uZZ hex", "lone \u{FFFD} surrogate", "raw\ttab", "clean"])
        #expect(result.report.changedCount("message", reason: SlackJSONDecoding.repairReason) == 4)
        let entry = try #require(result.report.changed.first { $0.reason == SlackJSONDecoding.repairReason })
        #expect(entry.items.contains("C1:1700000010.000100"))
    }

    @Test func syntaxErrorNamesTheOffsetInTheDayFile() throws {
        let url = try Self.export(day: "[" + Self.message("ok", 10) + ",\n  {\"type\" \"message\"}]").writeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let archive = try SourceArchive(url: url)
        let entry = try #require(try archive.entry(at: "general/2023-11-15.json"))
        #expect(throws: SlackSourceError.malformedJSON(archive: url.lastPathComponent, entry: "general/2023-11-15.json",
                                                       offset: 87, detail: "expected ':' after a key")) {
            _ = try DayFileDecoding.messages(of: entry, reader: archive, knownUsers: [], maxElementBytes: 1 << 20)
        }
        #expect(throws: SlackSourceError.malformedJSON(archive: url.lastPathComponent, entry: "general/2023-11-15.json",
                                                       offset: 1, detail: "array element larger than the limit of 16 bytes (raise it with --max-json-element-size)")) {
            _ = try DayFileDecoding.messages(of: entry, reader: archive, knownUsers: [], maxElementBytes: 16)
        }
    }
}
