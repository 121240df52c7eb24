import Foundation
import MattermoveFixtures
import Testing
import TestSupport
@testable import MigrationCore

/// Staging hands its rows to the database in batches bounded by bytes as well as rows, so that long
/// messages cannot make one batch hold gigabytes; the rows all arrive whatever the batches were.
@Suite struct StagingBatchBoundsTests {
    static func staging(messages: Int, text: String) throws -> MigrationStaging {
        let staging = try MigrationStaging(source: "test")
        try staging.add(SourceTeam(id: "T", name: "team"))
        try staging.add(SourceUser(id: "U", username: "u", email: "u@example.org"))
        try staging.add(SourceChannel(id: "C", teamID: "T", name: "general", memberIDs: ["U"]))
        for number in 0..<messages {
            try staging.add(SourceMessage(id: "m\(number)", conversationID: "C", authorID: "U", text: text,
                                          createdAt: 1_704_067_200_000 + Int64(number) * 1_000))
        }
        return staging
    }

    @Test func longMessagesGoInBatchesOfAtMostEightMiB() throws {
        // Within the 16,383-rune post limit, so one row each.
        let text = String(repeating: "a", count: 16_000)
        let staging = try Self.staging(messages: 2_100, text: text)  // 2,100 × 16,000 bytes ≈ 32 MiB
        #expect(staging.batchesWritten >= 4, "a batch went out at every 8 MiB of text, not at 65,536 rows")
        try staging.flush()
        let rows = try staging.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message") }
        #expect(rows == 2_100)
    }

    @Test func shortMessagesGoInBatchesOfRows() throws {
        let staging = try Self.staging(messages: 70_000, text: "hi")
        #expect(staging.batchesWritten == 1, "70,000 short rows: one batch at 65,536 rows, the rest pending")
        try staging.flush()
        let rows = try staging.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM message") }
        #expect(rows == 70_000)
    }
}
