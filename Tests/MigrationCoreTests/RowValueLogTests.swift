import Foundation
import GRDB
import Testing
@testable import MigrationCore

/// Values set on staged rows later (`RowValueLog`: moved times, orphan replies' new roots) leave
/// memory for a scratch file beyond a batch, so input whose rows nearly all need one no longer grows
/// memory with its size. They read back as logged, in order, without the conversations left out.
@Suite struct RowValueLogTests {
    @Test func movesBeyondABatchComeBackInOrderWithoutTheOnesLeftOut() throws {
        let log = RowValueLog()
        for seq in Int64(0)..<200_000 { try log.append(conv: seq % 4, seq: seq, value: seq * 10) }
        var seen: [Int64] = []
        try log.forEach(where: { $0 != 2 }) { seq, ts in
            #expect(ts == seq * 10)
            seen.append(seq)
        }
        #expect(seen == (Int64(0)..<200_000).filter { $0 % 4 != 2 })
    }

    /// 140,000 messages at one time in one channel (each moved 1 ms after the last) and a channel whose
    /// times run backwards with ties (swept again through a time index): the sweeps made while staging
    /// and the sweep over the table give the same times, and they are the expected ones.
    @Test func manyMovedTimesSpillAndComeOutTheSame() throws {
        let start: Int64 = 1_600_000_000_000
        var messages: [SourceMessage] = []
        for i in 0..<140_000 {
            messages.append(SourceMessage(id: "a\(i)", conversationID: "C0", authorID: "U0", text: "same time", createdAt: start))
        }
        for i in 0..<80_000 {
            messages.append(SourceMessage(id: "b\(i)", conversationID: "C1", authorID: "U1", text: "backwards",
                                          createdAt: start - Int64(i / 10)))
        }
        func finalTimes(staged: Bool) throws -> (bumped: Int, byConversation: [Int64: [Int64]]) {
            let staging = try MigrationStaging(source: "test")
            try PackageExporterTests.fill(users: 2, channels: 2, directs: [], messages: messages)(staging)
            try staging.flush()
            let plan = try ConversationPlan(staging: staging)
            return try staging.database.write { db in
                let (outcome, _, _) = try ThreadFinalizer.run(db, merges: plan.merges, stagedSweeps: staged ? staging.sweeps : nil)
                var byConversation: [Int64: [Int64]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT conv, coalesce(final_ts, ts) FROM message ORDER BY conv, coalesce(final_ts, ts), seq") {
                    byConversation[row[0], default: []].append(row[1])
                }
                return (outcome.bumpedTimestamps, byConversation)
            }
        }
        let read = try finalTimes(staged: false), staged = try finalTimes(staged: true)
        #expect(read.bumped == staged.bumped)
        #expect(read.byConversation == staged.byConversation)
        let c0 = try #require(read.byConversation[0])
        #expect(c0 == (0..<140_000).map { start + Int64($0) })
        let c1 = try #require(read.byConversation[1])
        #expect(c1.count == 80_000 && zip(c1, c1.dropFirst()).allSatisfy { $0 < $1 }, "unique, increasing times")
        #expect(read.bumped >= 139_999 + 72_000, "both logs spilled past a batch (65,536)")
    }

    /// 70,000 replies to a message that is not there: the earliest becomes the root and the others,
    /// more than a batch of new roots, reply to it.
    @Test func manyOrphanRepliesSpillAndAllFindTheirNewRoot() throws {
        let start: Int64 = 1_600_000_000_000
        var messages: [SourceMessage] = []
        for i in 0..<70_000 {
            var message = SourceMessage(id: "r\(i)", conversationID: "C0", authorID: "U0", text: "reply \(i)", createdAt: start + Int64(i))
            message.threadRootID = "gone"
            messages.append(message)
        }
        let staging = try MigrationStaging(source: "test")
        try PackageExporterTests.fill(users: 1, channels: 1, directs: [], messages: messages)(staging)
        try staging.flush()
        let plan = try ConversationPlan(staging: staging)
        try staging.database.write { db in
            let (outcome, _, _) = try ThreadFinalizer.run(db, merges: plan.merges, stagedSweeps: nil)
            #expect(outcome.promotedRoots == 1)
            let first = try #require(try Int64.fetchOne(db, sql: "SELECT seq FROM message WHERE coalesce(final_ts, ts) = ?", arguments: [start]))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE root_seq = ?", arguments: [first]) == 69_999)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM message WHERE root_seq IS NULL") == 1)
        }
    }
}
