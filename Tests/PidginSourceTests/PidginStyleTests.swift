import Foundation
import MigrationCore
import SourceToolkit
import Testing
import TestSupport
@testable import PidginSource

/// Logs in the locale styles of spec §3.2 (en_US 12 h, de_DE 24 h, Windows `%c`, old Gaim), converted
/// end to end: every package passes strict validation and its counts balance.
@Suite struct PidginStyleTests {
    typealias W = PidginLogWriter
    typealias Skip = PidginWalker.SkipReason

    @Test func enUS12hHTMLWithEveryLineKind() throws {
        let log = W.htmlHeader(with: "bob@example.com", date: "Fri 04 Mar 2011 08:59:21 PM PST", account: "alice@example.com/Home", protocolName: "XMPP")
            + W.htmlSent("08:59:30 PM", "Alice", "hi <b>Bob</b>")
            + W.htmlReceived("09:00:02 PM", "bob@example.com/Laptop", "hello &lt;3")
            + W.htmlAction("09:01:00 PM", "Alice", "waves")
            + W.htmlSystem("09:02:00 PM", "bob@example.com/Laptop has gone away.")
            + W.htmlAutoReply("09:02:05 PM", "bob@example.com/Laptop", "I am away")
            + W.htmlError("09:03:00 PM", "Unable to send message: timeout")
            + W.htmlRaw("09:03:30 PM", "raw protocol text")
            + W.htmlReceived("03/04/2011 08:10:00 PM", "bob@example.com/Laptop", "sent while you were offline")
            + W.htmlSent("11:59:00 PM", "Alice", "almost midnight")
            + W.htmlReceived("12:01:00 AM", "bob@example.com/Laptop", "after midnight")
            + "</body></html>\n"
        let tree = try W.tree(["jabber/alice@example.com/bob@example.com/2011-03-04.205921-0800PST.html": log])
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = try PidginRun.run([tree])
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.report.input.messages == 10)
        #expect(run.posts.count == 7)
        let hi = try #require(run.post("hi **Bob**"))
        #expect(hi.user == "alice" && hi.createAt == utc(2011, 3, 5, 4, 59, 30) && hi.conversation == "alice,bob")
        #expect(run.post("hello <3")?.user == "bob")
        #expect(run.post("waves")?.type == "me" && run.post("waves")?.user == "alice")
        #expect(run.post("_(auto-reply)_ I am away")?.user == "bob")
        #expect(run.post("sent while you were offline")?.createAt == utc(2011, 3, 5, 4, 10, 0))
        #expect(run.post("almost midnight")?.createAt == utc(2011, 3, 5, 7, 59, 0))
        #expect(run.post("after midnight")?.createAt == utc(2011, 3, 5, 8, 1, 0))
        #expect(run.skipped(Skip.system) == 1 && run.skipped(Skip.error) == 1 && run.skipped(Skip.raw) == 1)
        #expect(run.skippedItems(Skip.system) == ["\(tree.lastPathComponent)/jabber/alice@example.com/bob@example.com/2011-03-04.205921-0800PST.html:5"])
    }

    @Test func deDE24hTextWithContinuationLinesAndStampDates() throws {
        let log = W.textHeader(with: "bob@example.com", date: "Fr 04 Mär 2011 20:59:21 CET", account: "alice@example.com/Home", protocolName: "XMPP")
            + W.text("20:59:30", "alice@example.com/Home", "Hallo Bob")
            + W.text("21:00:00", "Bob Builder", "first line\nsecond line\n(not a stamp) third line")
            + W.textAction("21:01:00", "Bob Builder", "winkt")
            + W.textSystem("21:02:00", "Bob Builder hat sich abgemeldet.")
            + W.text("02.03.2011 22:00:00", "Bob Builder", "verspätet")
        let tree = try W.tree(["jabber/alice@example.com/bob@example.com/2011-03-04.205921+0100CET.txt": log])
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = try PidginRun.run([tree])
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.post("Hallo Bob")?.user == "alice")
        #expect(run.post("Hallo Bob")?.createAt == utc(2011, 3, 4, 19, 59, 30))
        let multi = try #require(run.post("first line\nsecond line\n(not a stamp) third line"))
        #expect(multi.user == "bob")  // the owner spoke first, so the other name is the buddy
        #expect(run.post("winkt")?.type == "me" && run.post("winkt")?.user == "bob")
        #expect(run.skipped(Skip.system) == 1)  // a localised notice: no `: `, no sender
        // No numeric date in the header: 02.03 reads as 2 March (the reading nearest before the log's time).
        #expect(run.post("verspätet")?.createAt == utc(2011, 3, 2, 21, 0, 0))
        // That attribution had no evidence (TXT names no direction): reported once, then the name is known.
        #expect(run.report.changedCount("message") == 1)

        let forced = try PidginRun.run([tree]) { $0.dateOrder = .mdy }
        defer { forced.remove() }
        #expect(forced.post("verspätet")?.createAt == utc(2011, 2, 3, 21, 0, 0))
    }

    @Test func windowsStyleHeaderDecidesTheDateOrder() throws {
        // Windows %c header `3/4/2011 …` with the name's 2011-03-04: month first, so 3/2 is 2 March.
        let log = W.htmlHeader(with: "bob", date: "3/4/2011 8:59:21 PM", account: "alice", protocolName: "aim")
            + W.htmlSent("8:59:30 PM", "alice", "windows style")
            + W.htmlReceived("3/2/2011 10:00:00 PM", "bob", "offline message")
        let dmyLog = W.htmlHeader(with: "bob", date: "04/03/2011 20:59:21", account: "alice", protocolName: "aim")
            + W.htmlReceived("03/02/2011 22:00:00", "bob", "pt-BR offline message")
        let tree = try W.tree([
            "aim/alice/bob/2011-03-04.205921-0800PST.html": log,
            "aim/alice/bob/2011-03-04.215921-0800PST.html": dmyLog,
        ])
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = try PidginRun.run([tree])
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.post("windows style")?.createAt == utc(2011, 3, 5, 4, 59, 30))
        #expect(run.post("offline message")?.createAt == utc(2011, 3, 3, 6, 0, 0))
        #expect(run.post("pt-BR offline message")?.createAt == utc(2011, 2, 4, 6, 0, 0))  // 3 February

        let since = try PidginRun.run([tree]) { $0.since = UTCDay.startMillis("2011-03-04") }
        defer { since.remove() }
        since.expectBalanced()
        #expect(since.posts.map(\.message) == ["windows style"])
        #expect(since.skipped(Skip.beforeSince) == 2)
    }

    @Test func gaimStyleWithoutZoneUsesTheGivenTimeZone() throws {
        let log = W.textHeader(with: "bob", date: "2006-12-21 22:36:06", account: "alice", protocolName: "aim")
            + W.text("22:36:11", "alice", "gaim era")
            + W.text("2006-12-21 21:00:00", "bob", "delayed")
        let html = "<html><head><title>Conversation with bob at 2006-12-22 10:00:00 on alice (aim)</title></head><body><h3>Conversation with bob at 2006-12-22 10:00:00 on alice (aim)</h3>\n"
            + W.gaimHTMLReceived("10:00:05", "bob", "gaim html")
        let tree = try W.tree(["aim/alice/bob/2006-12-21.223606.txt": log, "aim/alice/bob/2006-12-22.100000.html": html])
        defer { try? FileManager.default.removeItem(at: tree) }
        let berlin = try PidginRun.run([tree]) { $0.timeZone = TimeZone(identifier: "Europe/Berlin") }
        defer { berlin.remove() }
        berlin.expectValid()
        berlin.expectBalanced()
        #expect(berlin.post("gaim era")?.createAt == utc(2006, 12, 21, 21, 36, 11))
        #expect(berlin.post("delayed")?.createAt == utc(2006, 12, 21, 20, 0, 0))
        #expect(berlin.post("gaim html")?.createAt == utc(2006, 12, 22, 9, 0, 5))
        let plain = try PidginRun.run([tree])
        defer { plain.remove() }
        #expect(plain.post("gaim era")?.createAt == utc(2006, 12, 21, 22, 36, 11))
        #expect(plain.report.changedCount("log_file") == 2)  // each zone-less file noted
    }
}
