import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
@testable import PidginSource

/// Unknown lines and unreadable files: a reported skip naming the file and line/byte offset under
/// `lenient`, else one error naming them; hostile bytes never crash.
@Suite struct PidginBadInputTests {
    typealias W = PidginLogWriter
    typealias Skip = PidginWalker.SkipReason
    static let path = "jabber/alice@example.com/bob@example.com/2011-03-04.205921-0800PST.html"

    static func treeWithUnknownLine() throws -> URL {
        let header = W.htmlHeader(with: "bob@example.com", date: "3/4/2011 8:59:21 PM", account: "alice@example.com", protocolName: "XMPP")
        let first = W.htmlSent("8:59:30 PM", "alice", "before")
        return try W.tree([path: header + first + "<span>broken html<br/>\n" + W.htmlSent("9:00:00 PM", "alice", "after")
                           + "\u{0}\u{1}binary junk \u{7F}\n"])
    }

    @Test func unknownLineStopsWithOneLineNamingFileLineAndOffset() throws {
        let tree = try Self.treeWithUnknownLine()
        defer { try? FileManager.default.removeItem(at: tree) }
        let header = W.htmlHeader(with: "bob@example.com", date: "3/4/2011 8:59:21 PM", account: "alice@example.com", protocolName: "XMPP")
        let offset = header.utf8.count + W.htmlSent("8:59:30 PM", "alice", "before").utf8.count
        #expect(throws: PidginSourceError.unknownLine(file: "\(tree.lastPathComponent)/\(Self.path)", line: 3, offset: offset, text: "<span>broken html<br/>")) {
            try PidginRun.run([tree])
        }
        let message = PidginSourceError.unknownLine(file: "f", line: 3, offset: 9, text: "x").description
        #expect(!message.contains("\n") && message.contains("line 3 (byte 9)"))
    }

    @Test func unknownLinesAreReportedSkipsUnderLenient() throws {
        let tree = try Self.treeWithUnknownLine()
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = try PidginRun.run([tree]) { $0.lenient = true }
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.posts.map(\.message) == ["before", "after"])
        let items = run.skippedItems(Skip.unknown)
        #expect(items.count == 2)
        #expect(items.first?.hasSuffix("\(Self.path):3 (byte \(W.htmlHeader(with: "bob@example.com", date: "3/4/2011 8:59:21 PM", account: "alice@example.com", protocolName: "XMPP").utf8.count + W.htmlSent("8:59:30 PM", "alice", "before").utf8.count))") == true)
    }

    @Test func textContinuationBeforeAnyRecordAndBadStampsAreUnknownLines() throws {
        let log = W.textHeader(with: "bob", date: "2011-03-04 20:59:21", account: "alice", protocolName: "aim")
            + "stray text before any record\n" + W.text("21:00:00", "alice", "fine") + "(25:99:00) bob: broken stamp\n"
            + W.text("31/31/2011 21:00:00", "bob", "no such date")
        let invalidUTF8 = Data(W.textHeader(with: "bob", date: "2011-03-05 10:00:00", account: "alice", protocolName: "aim").utf8)
            + Data("(10:00:00) alice: caf".utf8) + Data([0xE9, 0x0A])
        let tree = try W.tree(["aim/alice/bob/2011-03-04.205921+0000UTC.txt": log])
        defer { try? FileManager.default.removeItem(at: tree) }
        try invalidUTF8.write(to: tree.appendingPathComponent("aim/alice/bob/2011-03-05.100000+0000UTC.txt"))
        let run = try PidginRun.run([tree]) { $0.lenient = true }
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.skipped(Skip.unknown) == 3)
        #expect(run.post("fine") != nil)
        #expect(run.post("café")?.createAt == utc(2011, 3, 5, 10, 0, 0))  // Latin-1, reported
        #expect(run.report.changed.contains { $0.reason.contains("not UTF-8; read as Latin-1") })
    }

    /// A log that disappears between listing and reading (as an unreadable file does): reported under
    /// lenient, one error without.
    @Test func unreadableLogFile() throws {
        let header = W.htmlHeader(with: "bob", date: "3/4/2011 8:59:21 PM", account: "alice", protocolName: "aim")
        let gone = "aim/alice/bob/2011-03-04.205921-0800PST.html"
        func stage(lenient: Bool, in tree: URL) throws -> MigrationStaging {
            try W.write([gone: header + W.htmlSent("8:59:30 PM", "alice", "lost"),
                         "aim/alice/bob/2011-03-05.205921-0800PST.html": header + W.htmlSent("8:59:30 PM", "alice", "kept")], at: tree)
            let reader = PidginReader(roots: [tree], options: PidginOptions(teamName: "test", lenient: lenient))
            let staging = try MigrationStaging(source: reader.sourceName)
            try reader.stageTeams(into: staging)
            try reader.stageUsers(into: staging)
            try reader.stageConversations(into: staging)
            try FileManager.default.removeItem(at: tree.appendingPathComponent(gone))
            try reader.stageMessages(into: staging, progress: nil)
            return staging
        }
        let tree = try TemporaryDirectory.make("pidgin-logs")
        defer { try? FileManager.default.removeItem(at: tree) }
        let staging = try stage(lenient: true, in: tree)
        let skipped = staging.report.skipped.filter { $0.kind == "file" }
        #expect(skipped.count == 1 && skipped.first?.items.first?.hasPrefix("\(tree.lastPathComponent)/\(gone): ") == true)
        #expect(skipped.first?.reason.hasPrefix("unreadable log file") == true)
        #expect(staging.report.input.messages == 1)

        do {
            _ = try stage(lenient: false, in: tree)
            Issue.record("no error without lenient")
        } catch let error as PidginSourceError {
            guard case .unreadableFile(let file, _) = error else { Issue.record("\(error)"); return }
            #expect(file.hasSuffix(gone))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test func noLogsIsAnError() throws {
        let tree = try W.tree(["notes.txt": "hello"])
        defer { try? FileManager.default.removeItem(at: tree) }
        #expect(throws: PidginSourceError.self) { try PidginRun.run([tree]) }
    }
}

/// Hostile shapes: a huge single line and a huge continuation run stay bounded and reported.
@Suite struct PidginHostileInputTests {
    typealias W = PidginLogWriter

    @Test func hugeLinesAreCutAndReported() throws {
        let huge = String(repeating: "x", count: PidginLogFile.maxLineBytes + 10)
        let log = W.textHeader(with: "bob", date: "2011-03-04 20:59:21", account: "alice", protocolName: "aim")
            + W.text("21:00:00", "alice", huge) + W.text("21:00:01", "alice", "after")
        let tree = try W.tree(["aim/alice/bob/2011-03-04.205921+0000UTC.txt": log])
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = try PidginRun.run([tree])
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.report.changed.contains { $0.kind == "log_file" && $0.reason.contains("longer than 1 MiB; cut there") })
        #expect(run.post("after") != nil)
        #expect(run.report.changedCount("message_part") > 0)  // the cut line is still longer than a post: split by the core
    }
}
