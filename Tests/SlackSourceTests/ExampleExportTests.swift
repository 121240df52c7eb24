import Foundation
import Testing
@testable import SlackSource

/// The export shipped in Examples/slack-example (the README's main command) converts cleanly.
@Test func shippedExampleExportConverts() throws {
    let example = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Examples/slack-example")
    let result = try Conversion.run(example, team: "example", botOwner: "alice")
    result.expectValid()
    result.expectBalanced()
    #expect(result.report.skipped.isEmpty, "\(result.report.skipped)")
    #expect(result.jsonl.contains("\"name\":\"cafe\",\"display_name\":\"café\""))
    #expect(result.jsonl.contains("{\"path\":\"F01AGENDA/ordre du jour – réunion.txt\"}"))
    #expect(result.jsonl.contains("Welcome @jose! :wave: Please read the **handbook** at [our handbook](https://example.com/handbook) and say hi in ~cafe."))
}
