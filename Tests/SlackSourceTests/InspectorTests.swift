import Foundation
import Testing
@testable import SlackSource

@Test func inspectionListsContentsAndProblems() throws {
    let url = try AdversarialExport.build().writeDirectory()
    defer { try? FileManager.default.removeItem(at: url) }
    let inspection = try SlackInspector.inspect(url)
    #expect(inspection.layout == "standard")
    #expect(inspection.users.total == 6 && inspection.users.bots == 1 && inspection.users.guests == 1)
    #expect(inspection.problems.usersWithoutEmail == ["Bob Smith"])
    #expect(inspection.problems.bots == ["github"])
    #expect(inspection.conversations == ["channels": 5, "groups": 1, "mpims": 3, "dms": 2])
    #expect(inspection.messages == 38)
    #expect(inspection.messagesBySubtype["channel_join"] == 1)
    #expect(inspection.firstDay == "2023-11-14" && inspection.lastDay == "2023-11-16")
    #expect(inspection.files.referenced == 19 && inspection.files.present == 14 && inspection.files.missing == 1)
    #expect(inspection.problems.unknownAuthors == ["U98", "U99", "USLACKBOT"])
}

/// `inspect` and `convert` take their file figures from the same decision (SlackFileStatus): the files
/// inspect finds in the export are the files convert attaches, and the missing ones are the ones it
/// reports as not in the export.
@Test func inspectionFileCountsEqualTheConversionReport() throws {
    let url = try AdversarialExport.build().writeDirectory()
    defer { try? FileManager.default.removeItem(at: url) }
    let inspection = try SlackInspector.inspect(url)
    let result = try Conversion.run(url, botOwner: "alice")
    #expect(inspection.messages == result.report.input.messages)
    #expect(inspection.files.present == result.report.output.attachments)
    #expect(inspection.files.missing == result.report.skipped
        .filter { $0.kind == "files" && $0.reason.hasPrefix("not in the export") }.reduce(0) { $0 + $1.count })
}
