import Foundation
import GRDB
import MattermostImport
import MattermoveFixtures
import Testing
import TestSupport
@testable import MigrationCore

/// The exporter on a model that exercises every rule: the package must validate clean under
/// `--strict`, the report must balance, and two exports must be byte-identical.
@Suite struct PackageExporterTests {
    struct Exported {
        var url: URL
        var report: MigrationReport
        var lines: [JSONValue]
        var raw: [String]
    }

    static func export(options: ExportOptions = ExportOptions(defaultEmailDomain: "example.org"),
                       fill: (MigrationStaging) throws -> Void = AdversarialModel.fill) throws -> Exported {
        let staging = try MigrationStaging(source: "test")
        try fill(staging)
        let url = TemporaryDirectory.root.appendingPathComponent("mm-export-\(UUID().uuidString).zip")
        let report = try PackageExporter(staging: staging, files: SyntheticFiles(), options: options).export(to: url)
        let jsonl = try readJSONL(url)
        let raw = jsonl.split(separator: "\n").map(String.init)
        let lines = try raw.map { try JSONParser.parse(Array($0.utf8)) }
        return Exported(url: url, report: report, lines: lines, raw: raw)
    }

    static func readJSONL(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        process.arguments = ["-p", url.path, "import.jsonl"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func lines(_ exported: Exported, type: String) -> [JSONValue] {
        exported.lines.filter { $0["type"]?.stringValue == type }.compactMap { $0[type] }
    }

    @Test func adversarialModelValidatesCleanUnderStrict() throws {
        let exported = try Self.export()
        defer { try? FileManager.default.removeItem(at: exported.url) }
        let report = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: exported.url)
        #expect(report.errors == [], "\(report.errors.prefix(20))")
        #expect(report.warnings == [])
        #expect(report.counts.posts == exported.report.output.posts)
        #expect(report.counts.directPosts == exported.report.output.directPosts)
    }

    @Test func lineOrderIsContiguousAndFixed() throws {
        let exported = try Self.export()
        let order = ["version", "team", "channel", "user", "bot", "emoji", "post", "direct_channel", "direct_post"]
        let types = exported.lines.compactMap { $0["type"]?.stringValue }
        #expect(types.first == "version")
        let ranks = types.map { order.firstIndex(of: $0)! }
        #expect(ranks == ranks.sorted())
    }

    @Test func namesAreNormalisedUniqueAndMapped() throws {
        let exported = try Self.export()
        let users = lines(exported, type: "user").compactMap { $0["username"]?.stringValue }
        #expect(users.contains("alice"))
        #expect(users.contains("alice-2"))
        #expect(users.contains("nono.muller"))
        #expect(users.contains("all-user"))
        #expect(users.contains("dong.jing"))
        #expect(Set(users).count == users.count)
        let teams = lines(exported, type: "team").compactMap { $0["name"]?.stringValue }
        #expect(teams == ["acme-inc", "team-helpdesk"])
        let channels = lines(exported, type: "channel").compactMap { $0["name"]?.stringValue }
        #expect(channels.contains("general") && channels.contains("general-2"))
        #expect(channels.contains("moskva"))
        #expect(channels.contains("meetup") && channels.contains("meetup-"))
        #expect(!channels.contains(String(repeating: "ab", count: 20)))
        let moscow = lines(exported, type: "channel").first { $0["name"]?.stringValue == "moskva" }
        #expect(moscow?["display_name"]?.stringValue == "Москва")
        #expect(exported.report.userMapping["U3"] == "nono.muller")
        #expect(exported.report.channelMapping["C3"] == .channel(team: "acme-inc", name: "moskva"))
        #expect(exported.report.changedCount("username", reason: "name already taken; numeric suffix added") == 1)
    }

    @Test func emailsAreValidUniqueAndDefaulted() throws {
        let exported = try Self.export()
        let emails = lines(exported, type: "user").compactMap { $0["email"]?.stringValue }
        #expect(emails.allSatisfy(NameRules.isValidEmail))
        #expect(Set(emails).count == emails.count)
        #expect(emails.contains("bob@example.org"))
        #expect(emails.contains("alice@example.com"))
        #expect(emails.contains("alice+all-user@example.com"))
    }

    @Test func missingEmailsWithoutDomainNameEveryUser() throws {
        #expect(throws: ExportError.missingEmails(users: ["bob", "dave"])) {
            _ = try Self.export(options: ExportOptions())
        }
    }

    @Test func botsNeedAnOwner() throws {
        #expect(throws: ExportError.botsWithoutOwner(bots: ["robot"])) {
            _ = try Self.export { staging in
                try staging.add(SourceTeam(id: "T", name: "t1"))
                try staging.add(SourceUser(id: "B", username: "robot", isBot: true))
            }
        }
        let exported = try Self.export(options: ExportOptions(botOwner: "boss")) { staging in
            try staging.add(SourceTeam(id: "T", name: "t1"))
            try staging.add(SourceUser(id: "O", username: "boss", email: "boss@example.com"))
            try staging.add(SourceUser(id: "B", username: "robot", isBot: true))
        }
        #expect(lines(exported, type: "bot").first?["owner"]?.stringValue == "boss")
    }

    @Test func threadsTimesAndSplits() throws {
        let exported = try Self.export()
        let posts = lines(exported, type: "post")
        // Unique (channel, create_at) across roots and replies; replies strictly after their root.
        var seen = Set<String>()
        for post in posts {
            let channel = post["channel"]!.stringValue!
            let root = post["create_at"]!.int64Value!
            #expect(root > 0)
            #expect(seen.insert("\(channel)/\(root)").inserted)
            for reply in post["replies"]?.arrayValue ?? [] {
                let time = reply["create_at"]!.int64Value!
                #expect(time > root)
                #expect(seen.insert("\(channel)/\(time)").inserted)
            }
            for reaction in post["reactions"]?.arrayValue ?? [] {
                #expect(reaction["create_at"]!.int64Value! >= root)
            }
            #expect((post["attachments"]?.arrayValue?.count ?? 0) <= 10)
        }
        // The long message is split into replies whose texts add up to the original.
        let long = posts.first { $0["message"]?.stringValue?.hasPrefix("word0 ") == true }!
        let parts = [long["message"]!.stringValue!] + long["replies"]!.arrayValue!.map { $0["message"]!.stringValue! }
        #expect(parts.count == 4)
        #expect(parts.allSatisfy { $0.unicodeScalars.count <= MattermostLimits.postMessageMaxRunes })
        #expect(parts.joined().hasSuffix(String(repeating: "z", count: 20000)))
        // 25 files → 10 + 10 + 5.
        let files = posts.first { $0["message"]?.stringValue == "many files" }!
        #expect(files["attachments"]?.arrayValue?.count == 10)
        #expect(files["replies"]?.arrayValue?.map { $0["attachments"]?.arrayValue?.count ?? 0 } == [10, 5])
        // Orphans: the first becomes the root, the second its reply.
        let orphan = posts.first { $0["message"]?.stringValue == "orphan 1" }!
        #expect(orphan["replies"]?.arrayValue?.first?["message"]?.stringValue == "orphan 2")
        // The reply to a reply hangs off the thread root, by a placeholder user.
        let root = posts.first { $0["message"]?.stringValue == "root" }!
        let replies = root["replies"]!.arrayValue!
        #expect(replies.map { $0["message"]!.stringValue! } == ["reply", "reply to reply by a stranger"])
        #expect(replies[1]["user"]?.stringValue == "unknown-u888")
        #expect(root["is_pinned"]?.boolValue == true)
        #expect(root["flagged_by"]?.arrayValue == [.string("alice-2")])
        let reactions = root["reactions"]!.arrayValue!.map { "\($0["user"]!.stringValue!):\($0["emoji_name"]!.stringValue!)" }
        #expect(reactions == ["alice:thumbsup", "alice-2:thumbsup", "nono.muller:+1", "all-user:flamingo", "unknown-u777:wave"])
    }

    @Test func directConversationsAreMergedAndSized() throws {
        let exported = try Self.export()
        let directs = lines(exported, type: "direct_channel").map { $0["members"]!.arrayValue!.map { $0.stringValue! } }
        #expect(directs.contains(["alice", "bob"]))
        #expect(directs.contains(["alice", "alice"]))
        #expect(directs.contains(["alice", "alice-2", "nono.muller"]))
        #expect(directs.filter { $0 == ["alice", "bob"] }.count == 1)
        #expect(directs.allSatisfy { $0.count >= 2 && $0.count <= 8 })
        let dm = lines(exported, type: "direct_post").first { $0["message"]?.stringValue == "hi alice" }!
        #expect(dm["replies"]?.arrayValue?.count == 1)
        #expect(dm["flagged_by"]?.arrayValue == [.string("alice")])
        let big = lines(exported, type: "channel").first { $0["display_name"]?.stringValue == "Big Group" }
        #expect(big?["type"]?.stringValue == "P")
        #expect(lines(exported, type: "post").contains { $0["message"]?.stringValue == "big group" && $0["channel"] == big?["name"] })
        let member10 = lines(exported, type: "user").first { $0["username"]?.stringValue == "member10" }!
        let memberChannels = member10["teams"]?.arrayValue?.flatMap { $0["channels"]?.arrayValue ?? [] }.compactMap { $0["name"]?.stringValue }
        #expect(memberChannels == big?["name"]?.stringValue.map { [$0] })
    }

    @Test func membershipsCarryReadState() throws {
        let exported = try Self.export()
        let alice = lines(exported, type: "user").first { $0["username"]?.stringValue == "alice" }!
        #expect(alice["roles"]?.stringValue == "system_user system_admin")
        let acme = alice["teams"]!.arrayValue!.first { $0["name"]?.stringValue == "acme-inc" }!
        let general = acme["channels"]!.arrayValue!.first { $0["name"]?.stringValue == "general" }!
        #expect(general["roles"]?.stringValue == "channel_user channel_admin")
        let generalPosts = lines(exported, type: "post").filter { $0["channel"]?.stringValue == "general" }
        let total = generalPosts.reduce(0) { $0 + 1 + ($1["replies"]?.arrayValue?.count ?? 0) }
        #expect(general["msg_count"]?.int64Value == Int64(total))
        #expect(general["msg_count_root"]?.int64Value == Int64(generalPosts.count))
        let last = generalPosts.flatMap { [$0["create_at"]!.int64Value!] + ($0["replies"]?.arrayValue ?? []).map { $0["create_at"]!.int64Value! } }.max()
        #expect(general["last_viewed_at"]?.int64Value == last)
        let carol = lines(exported, type: "user").first { $0["username"]?.stringValue == "carol" }!
        #expect(carol["roles"]?.stringValue == "system_guest")
        #expect(carol["teams"]?.arrayValue?.allSatisfy { $0["roles"]?.stringValue == "team_guest" } == true)
    }

    @Test func membersThatAppearLaterKeepTheirMemberships() throws {
        let exported = try Self.export { staging in
            try staging.add(SourceTeam(id: "T", name: "t1"))
            try staging.add(SourceUser(id: "A", username: "ann", email: "ann@example.com"))
            try staging.add(SourceChannel(id: "C", teamID: "T", name: "town", memberIDs: ["A", "LATE", "GHOST"]))
            // Rebuilt from message data after the channel was added, and an author nobody listed.
            try staging.add(SourceUser(id: "LATE", username: "late", email: "late@example.com"))
            try staging.add(SourceMessage(id: "1", conversationID: "C", authorID: "GHOST", text: "boo", createdAt: 10))
            try staging.add(SourceChannel(id: "D", teamID: "T", name: "dock", memberIDs: ["NOBODY"]))
        }
        let users = lines(exported, type: "user")
        func channels(_ name: String) -> [String] {
            let user = users.first { $0["username"]?.stringValue == name }
            return user?["teams"]?.arrayValue?.flatMap { $0["channels"]?.arrayValue ?? [] }.compactMap { $0["name"]?.stringValue } ?? []
        }
        #expect(channels("late") == ["town"])
        #expect(channels("unknown-ghost") == ["town"])
        #expect(exported.report.changedCount("membership", reason: "channel member never found among the users or authors; membership dropped") == 1)
        let report = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: exported.url)
        #expect(report.errors == [])
    }

    @Test func reportBalances() throws {
        let exported = try Self.export()
        let report = exported.report
        let output = report.output
        let exportedMessages = output.posts + output.replies + output.directPosts + output.directReplies
        let extraParts = report.changedCount("message_part")
        #expect(report.input.messages == exportedMessages - extraParts + report.skippedCount("messages"))
        #expect(report.input.messages == 27)
        #expect(report.input.users == 20)
        #expect(report.skippedCount("messages") == 1)
        #expect(report.changedCount("message", reason: "reply whose thread root is missing; the thread's earliest reply became its root") == 1)
        #expect(report.changedCount("direct_channel") == 3)
    }

    @Test func exportIsDeterministic() throws {
        let first = try Self.export()
        let second = try Self.export()
        defer {
            try? FileManager.default.removeItem(at: first.url)
            try? FileManager.default.removeItem(at: second.url)
        }
        #expect(try Data(contentsOf: first.url) == Data(contentsOf: second.url))
        #expect(try MigrationReportJSON.encode(first.report) == MigrationReportJSON.encode(second.report))
    }

    /// Rows are keyed by conversation, so a source that interleaves conversations (a time-ordered
    /// database dump) and one that gives them one after another must give the same package: same
    /// thread shape, same tie order within a conversation (more rows than one staging batch).
    @Test func interleavedAndGroupedSourcesGiveTheSamePackage() throws {
        struct Planned { var conversation: String; var message: SourceMessage }
        var planned: [Planned] = []
        for i in 0..<20_000 {
            let conversation = i % 7 == 6 ? "D\(i % 2)" : "C\(i % 5)"
            // Every fourth message repeats the millisecond of its channel's previous one (five back):
            // ties are broken by arrival.
            var message = SourceMessage(id: "m\(i)", conversationID: conversation, authorID: "U\(i % 9)",
                                        text: "message \(i)", createdAt: 1_600_000_000_000 + Int64(i % 4 == 3 ? i - 5 : i) * 10)
            if conversation.hasPrefix("C"), i % 10 == 3, i >= 100 { message.threadRootID = "m\(i - 35)" }
            planned.append(Planned(conversation: conversation, message: message))
        }
        func fill(_ messages: [Planned]) -> (MigrationStaging) throws -> Void {
            Self.fill(users: 9, channels: 5, directs: [["U0", "U2"], ["U1", "U3"]], messages: messages.map(\.message))
        }
        let grouped = ["C0", "C1", "C2", "C3", "C4", "D0", "D1"].flatMap { id in planned.filter { $0.conversation == id } }
        let interleaved = try Self.export(fill: fill(planned))
        let byConversation = try Self.export(fill: fill(grouped))
        defer {
            try? FileManager.default.removeItem(at: interleaved.url)
            try? FileManager.default.removeItem(at: byConversation.url)
        }
        #expect(interleaved.report.output.replies > 1_000)
        #expect(interleaved.raw.count > 18_000)
        #expect(interleaved.report.changedCount("message", reason: "same millisecond as an earlier message in the channel; moved later by 1 ms per collision") > 1_000)
        #expect(interleaved.raw == byConversation.raw)
    }

    /// One team; users U0…, channels C0… (member U0) and direct conversations D0… with `directs`'
    /// members; then `messages` in the order given.
    static func fill(users: Int, channels: Int, directs: [[String]], messages: [SourceMessage]) -> (MigrationStaging) throws -> Void {
        { staging in
            try staging.add(SourceTeam(id: "T", name: "team"))
            for u in 0..<users { try staging.add(SourceUser(id: "U\(u)", username: "user\(u)")) }
            for c in 0..<channels { try staging.add(SourceChannel(id: "C\(c)", teamID: "T", name: "channel-\(c)", memberIDs: ["U0"])) }
            for (d, members) in directs.enumerated() { try staging.add(SourceDirectConversation(id: "D\(d)", memberIDs: members)) }
            for message in messages { try staging.add(message) }
        }
    }

    /// The history of `keyOrderAndTimeIndexGiveTheSamePackage`: four channels and two direct
    /// conversations with the same members (merged on export), threads with replies to replies,
    /// replies whose root is missing, and, in C3 only, replies older than their root.
    static func threadedHistory() -> [(conversation: String, message: SourceMessage)] {
        var history: [(conversation: String, message: SourceMessage)] = []
        for i in 0..<4_000 {
            let conversation = i % 5 == 4 ? (i < 2_000 ? "D0" : "D1") : "C\(i % 5)"
            var message = SourceMessage(id: "m\(i)", conversationID: conversation, authorID: "U\(i % 3)",
                                        text: "message \(i)", createdAt: 1_600_000_000_000 + Int64(i) * 10)
            if i % 7 == 3, i >= 35 { message.threadRootID = "m\(i - 35)" }             // chains: m(i-35) replies too
            if i % 50 == 7 { message.threadRootID = "missing-\(i % 3)" }                // three roots not in the export
            if i % 5 == 3, i % 20 == 18, i + 5 < 4_000 { message.threadRootID = "m\(i + 5)" } // C3: root is later
            history.append((conversation, message))
        }
        return history
    }

    /// Conversations whose rows are in time order are exported by key range with their replies merged
    /// in; the others (shuffled, split by a merge, or with replies moved after their root) through the
    /// full time index. Every mix of the two gives the same package.
    @Test func keyOrderAndTimeIndexGiveTheSamePackage() throws {
        let history = Self.threadedHistory()
        func fill(_ messages: [(conversation: String, message: SourceMessage)]) -> (MigrationStaging) throws -> Void {
            Self.fill(users: 3, channels: 4, directs: [["U1", "U2"], ["U1", "U2"]], messages: messages.map(\.message))
        }
        // Reversed in blocks of 7: every conversation out of time order.
        let shuffled = stride(from: 0, to: history.count, by: 7).flatMap { history[$0..<min($0 + 7, history.count)].reversed() }
        let oneShuffled = history.filter { $0.conversation != "C1" } + history.filter { $0.conversation == "C1" }.reversed()

        func order(_ messages: [(conversation: String, message: SourceMessage)]) throws -> ExportOrder {
            let staging = try MigrationStaging(source: "test")
            try fill(messages)(staging)
            try staging.flush()
            let plan = try ConversationPlan(staging: staging)
            return try staging.database.write { db in try ThreadFinalizer.run(db, merges: plan.merges).2 }
        }
        // In time order: C0, C1, C2 and D0 with D1 (one run of keys, D1 all later) by key range; C3 not.
        let inOrder = try order(history)
        #expect(inOrder.keyRanges.keys.sorted() == [0, 1, 2, 4])
        #expect(inOrder.needsTimeIndex)
        // The time indexes cover C3 alone (partial indexes).
        #expect(inOrder.timeOrdered == [3] && inOrder.timeIndexCondition() == "(conv = 3)")
        #expect(try order(oneShuffled).keyRanges.keys.sorted() == [0, 2, 4])
        let allShuffled = try order(shuffled)
        #expect(allShuffled.keyRanges.isEmpty)
        #expect(allShuffled.timeIndexCondition(column: "m.conv") == "(m.conv = 0 OR m.conv = 1 OR m.conv = 2 OR m.conv = 3 OR m.conv = 4)")

        let exports = try [history, oneShuffled, shuffled].map { try Self.export(fill: fill($0)) }
        defer { for exported in exports { try? FileManager.default.removeItem(at: exported.url) } }
        let first = exports[0]
        #expect(first.report.output.replies > 300)
        #expect(first.report.changedCount("message", reason: "reply to a reply; attached to the thread's root (Mattermost threads are one level deep)") > 50)
        #expect(first.report.changedCount("message", reason: "reply whose thread root is missing; the thread's earliest reply became its root") == 3)
        #expect(first.report.changedCount("message", reason: "reply older than its root; moved to 1 ms after the root") > 10)
        #expect(lines(first, type: "direct_post").count > 100)
        for other in exports.dropFirst() { #expect(other.raw == first.raw) }
    }

    /// Without replies, the sweeps staging makes as rows come in replace the export's read of every
    /// row; they must find what that read finds: ties and non-positive times moved, figures per
    /// conversation, which conversations are in key order. With a reply, staging keeps none.
    @Test func sweepsMadeWhileStagingMatchTheSweepOverTheTable() throws {
        var messages: [SourceMessage] = []
        for i in 0..<3_000 {
            let conversation = i % 6 == 5 ? "D\(i / 6 % 2)" : "C\(i % 4)"
            // C2 repeats times (ties to move), C1 starts at or before zero, C3 runs backwards.
            var time = 1_600_000_000_000 + Int64(i) * 40_000_000
            if conversation == "C2" { time = 1_600_000_000_000 + Int64(i / 12) * 40_000_000 }
            if conversation == "C1", i < 100 { time = Int64(i / 10) - 5 }
            if conversation == "C3" { time = 1_700_000_000_000 - Int64(i) * 1_000 }
            messages.append(SourceMessage(id: "m\(i)", conversationID: conversation, authorID: "U\(i % 3)",
                                          text: "message \(i)", createdAt: time))
        }
        func finalize(staged: Bool, _ messages: [SourceMessage]) throws -> (ThreadFinalizer.Outcome, [Int: ConversationStats], ExportOrder, [[Int64]], Bool) {
            let staging = try MigrationStaging(source: "test")
            try Self.fill(users: 3, channels: 4, directs: [["U0", "U1"], ["U1", "U2"]], messages: messages)(staging)
            try staging.flush()
            let plan = try ConversationPlan(staging: staging)
            #expect(plan.merges.isEmpty)
            return try staging.database.write { db in
                let (outcome, stats, order) = try ThreadFinalizer.run(db, merges: plan.merges, stagedSweeps: staged ? staging.sweeps : nil)
                let times = try Row.fetchAll(db, sql: "SELECT seq, coalesce(final_ts, ts) FROM message ORDER BY seq").map { [$0[0] as Int64, $0[1] as Int64] }
                return (outcome, stats, order, times, staging.sweeps.withoutReplies != nil)
            }
        }
        let (readOutcome, readStats, readOrder, readTimes, _) = try finalize(staged: false, messages)
        let (stagedOutcome, stagedStats, stagedOrder, stagedTimes, hadSweeps) = try finalize(staged: true, messages)
        #expect(hadSweeps)
        #expect(readOutcome.bumpedTimestamps > 100 && readOutcome.clampedToPositive > 0)
        #expect(stagedOutcome.bumpedTimestamps == readOutcome.bumpedTimestamps)
        #expect(stagedOutcome.clampedToPositive == readOutcome.clampedToPositive)
        #expect(readOrder.timeOrdered == [3] && stagedOrder.timeOrdered == [3])
        #expect(stagedOrder.keyRanges == readOrder.keyRanges)
        #expect(stagedTimes == readTimes)
        #expect(Set(stagedStats.keys) == Set(readStats.keys) && readStats.count == 6)
        for (conv, read) in readStats {
            let staged = try #require(stagedStats[conv])
            #expect([staged.total, staged.roots, staged.firstTime ?? -1, staged.lastTime, Int64(staged.retimed)]
                    == [read.total, read.roots, read.firstTime ?? -1, read.lastTime, Int64(read.retimed)])
            #expect(staged.postsPerMonth == read.postsPerMonth)
        }
        var withReply = messages
        withReply[2_000].threadRootID = "m0"
        #expect(try finalize(staged: true, withReply).4 == false)
    }

    /// Beyond `maxPartialIndexConversations` out of order, the time indexes cover every row instead
    /// (the per-row test would cost more); the package is the same either way.
    @Test func manyConversationsOutOfOrderUseFullTimeIndexes() throws {
        let channels = ExportOrder.maxPartialIndexConversations + 4
        var messages: [SourceMessage] = []
        for i in 0..<(channels * 40) {
            var message = SourceMessage(id: "m\(i)", conversationID: "C\(i % channels)", authorID: "U\(i % 3)",
                                        text: "message \(i)", createdAt: 1_600_000_000_000 + Int64(i) * 10)
            if i >= channels * 2, i % 3 == 0 { message.threadRootID = "m\(i - channels * 2)" }
            messages.append(message)
        }
        func exported(_ messages: [SourceMessage], few: Int) throws -> (ExportOrder, Exported) {
            let fill = Self.fill(users: 3, channels: channels, directs: [], messages: messages)
            let staging = try MigrationStaging(source: "test")
            try fill(staging)
            try staging.flush()
            let plan = try ConversationPlan(staging: staging)
            let order = try staging.database.write { db in try ThreadFinalizer.run(db, merges: plan.merges).2 }
            #expect(order.timeOrdered.count == few)
            return (order, try Self.export(fill: fill))
        }
        // Reversed: every conversation out of time order; the first few reversed: a partial index.
        let (all, allExport) = try exported(messages.reversed(), few: channels)
        let partialCount = 3
        let someReversed = messages.filter { Int($0.conversationID.dropFirst())! >= partialCount }
            + messages.filter { Int($0.conversationID.dropFirst())! < partialCount }.reversed()
        let (some, someExport) = try exported(someReversed, few: partialCount)
        let (_, inOrderExport) = try exported(messages, few: 0)
        defer { for export in [allExport, someExport, inOrderExport] { try? FileManager.default.removeItem(at: export.url) } }
        #expect(all.timeIndexCondition() == nil)
        #expect(some.timeIndexCondition() == "(conv = 0 OR conv = 1 OR conv = 2)")
        #expect(allExport.report.output.replies > 100)
        #expect(allExport.raw == inOrderExport.raw)
        #expect(someExport.raw == inOrderExport.raw)
    }
}
