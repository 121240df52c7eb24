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
