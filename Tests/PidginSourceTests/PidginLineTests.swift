import Testing
@testable import PidginSource

/// Every line kind of both loggers (spec §3.3), parsed on its own.
@Suite struct PidginLineTests {
    typealias W = PidginLogWriter

    func html(_ line: String) -> PidginRecord? {
        PidginHTMLLine.parse(String(line.dropLast()), number: 2, offset: 100)
    }

    @Test func htmlLineKinds() throws {
        let sent = try #require(html(W.htmlSent("10:32:05 AM", "Alice", "hi <b>there</b> &amp; <a href='http://x.org/a'>link</a>")))
        #expect(sent.kind == .message && sent.direction == .sent && sent.sender == "Alice")
        #expect(sent.text == "hi **there** & [link](http://x.org/a)")
        #expect(sent.stamp == PidginStamp(hour: 10, minute: 32, second: 5, date: nil))
        let received = try #require(html(W.htmlReceived("22:32:05", "bob@example.com/Home", "line one<br/>line two")))
        #expect(received.kind == .message && received.direction == .received && received.sender == "bob@example.com/Home")
        #expect(received.text == "line one\nline two")
        let action = try #require(html(W.htmlAction("10:00:00", "Alice", "waves")))
        #expect(action.kind == .action && action.sender == "Alice" && action.text == "waves" && action.direction == nil)
        let system = try #require(html(W.htmlSystem("10:00:00", "bob has signed off.")))
        #expect(system.kind == .system && system.text == "bob has signed off." && system.sender == nil)
        let error = try #require(html(W.htmlError("10:00:00", "Unable to send message: The message is too large.")))
        #expect(error.kind == .error)
        let whisper = try #require(html(W.htmlWhisper("10:00:00", "carol", "psst")))
        #expect(whisper.kind == .whisper && whisper.sender == "carol" && whisper.text == "psst")
        let auto = try #require(html(W.htmlAutoReply("10:00:00", "bob", "I am away")))
        #expect(auto.kind == .autoReply && auto.sender == "bob" && auto.text == "I am away" && auto.direction == .received)
        let raw = try #require(html(W.htmlRaw("10:00:00", "MOTD line")))
        #expect(raw.kind == .raw && raw.text == "MOTD line")
        let gaim = try #require(html(W.gaimHTMLReceived("22:36:11", "Bob", "old style")))
        #expect(gaim.kind == .message && gaim.direction == .received && gaim.text == "old style")
        let systemLog = try #require(PidginHTMLLine.parse("---- alice@example.com/Home has signed on @ 10:00:00 ----<br/>", number: 2, offset: 0))
        #expect(systemLog.kind == .systemLog)
        #expect(html("<span>broken html<br/>\n") == nil)
        #expect(html("<font size=\"2\">(99:00:00)</font> x<br/>\n") == nil)
    }

    @Test func htmlMessageImagesAndNestedXHTML() throws {
        let line = W.htmlReceived("10:00:00", "bob", "<html xmlns='http://jabber.org/protocol/xhtml-im'><body xmlns='http://www.w3.org/1999/xhtml'>look <IMG SRC=\"1234.png\" ID=\"1\"></body></html>")
        let record = try #require(html(line))
        #expect(record.text == "look [image: 1234.png]")
        #expect(record.images == ["1234.png"])
    }

    func text(_ line: String, known: [String] = []) -> PidginTextLine.Parsed {
        PidginTextLine.parse(Substring(line.hasSuffix("\n") ? String(line.dropLast()) : line), number: 3, offset: 40, knownNames: known)
    }

    func record(_ parsed: PidginTextLine.Parsed) -> PidginRecord? {
        if case .record(let record, _) = parsed { return record }
        return nil
    }

    @Test func textLineKinds() throws {
        let message = try #require(record(text(W.text("22:36:11", "Gabe B-W", "what are you doing: tomorrow?"))))
        #expect(message.kind == .message && message.sender == "Gabe B-W" && message.text == "what are you doing: tomorrow?")
        #expect(message.direction == nil)
        let action = try #require(record(text(W.textAction("10:00:00", "Gabe B-W", "waves"), known: ["Gabe B-W"])))
        #expect(action.kind == .action && action.sender == "Gabe B-W" && action.text == "waves")
        let auto = try #require(record(text(W.textAutoReply("10:00:00", "bob", "away"))))
        #expect(auto.kind == .autoReply && auto.sender == "bob" && auto.text == "away")
        let system = try #require(record(text(W.textSystem("23:06:06", "Leola Farber III logged out."))))
        #expect(system.kind == .system)
        let topic = try #require(record(text(W.textSystem("10:00:00", "The topic is: release plans"))))
        #expect(topic.kind == .system)
        // The whisper bug: the next record follows on the same line.
        let parsed = text(W.textWhisper("10:00:00", "carol", "psst") + W.text("10:00:01", "bob", "hi"))
        guard case .record(let whisper, let trailing?) = parsed else { Issue.record("no whisper with trailing record"); return }
        #expect(whisper.kind == .whisper && whisper.sender == "carol" && whisper.text == "psst")
        #expect(trailing == "(10:00:01) bob: hi")
        guard case .continuation = text("this line continues the previous message") else { Issue.record("not a continuation"); return }
        guard case .badStamp = text("(25:61:00) bob: bad time") else { Issue.record("bad stamp not found"); return }
    }

    @Test func stampsIn12And24HourAndWithDates() throws {
        #expect(PidginStamp.parse("12:05:00 AM") == PidginStamp(hour: 0, minute: 5, second: 0, date: nil))
        #expect(PidginStamp.parse("12:05:00 PM")?.hour == 12)
        #expect(PidginStamp.parse("2:45:36 AM")?.hour == 2)
        #expect(PidginStamp.parse("11:45:36 p.m.")?.hour == 23)
        #expect(PidginStamp.parse("13:05:00 PM") == nil)
        let dated = try #require(PidginStamp.parse("12/09/2011 01:24:03 AM"))
        #expect(dated.date == .init(first: 12, second: 9, third: 2011, firstHasFourDigits: false))
        #expect(PidginStamp.parse("01:24:03 09.12.2011")?.date == .init(first: 9, second: 12, third: 2011, firstHasFourDigits: false))
        #expect(PidginStamp.parse("2011-12-09 01:24:03")?.date?.firstHasFourDigits == true)
        #expect(PidginStamp.parse("hello") == nil)
    }

    @Test func headersAndDateOrderDetection() throws {
        let name = try #require(PidginFileName.parse("2011-03-04.205921-0800PST.html"))
        #expect(name.offsetSeconds == -8 * 3_600)
        func order(_ date: String, _ format: PidginFileName.Format = .html) -> PidginDateOrder? {
            let line = format == .html ? W.htmlHeader(with: "bob", date: date, account: "alice", protocolName: "aim")
                : W.textHeader(with: "bob", date: date, account: "alice", protocolName: "aim")
            return PidginHeader(line: String(line.dropLast()), format: format).dateOrder(matching: name)
        }
        #expect(order("3/4/2011 8:59:21 PM") == .mdy)
        #expect(order("04.03.2011 20:59:21") == .dmy)
        #expect(order("2011-03-04 20:59:21", .text) == .ymd)
        #expect(order("Fri 04 Mar 2011 08:59:21 PM PST") == nil)  // no numeric date: stamps decide
        let gaim = try #require(PidginFileName.parse("2006-12-21.223606.txt"))
        #expect(gaim.offsetSeconds == nil && gaim.format == .text)
        #expect(PidginFileName.parse("1234abcd.png") == nil)
        #expect(PidginFileName.parse("bob.log") == nil)
    }

    @Test func escapedFolderNames() throws {
        let (folder, file) = try #require(PidginLogFolder.of(logPath: "jabber/alice%40example.com/room%40conf.example.com.chat/2011-01-01.100000%2B0100CET.html", root: 0))
        #expect(folder.account == "alice@example.com" && folder.target == "room@conf.example.com" && folder.kind == .chat)
        #expect(PidginLogFolder.decode(file) == "2011-01-01.100000+0100CET.html")
        #expect(PidginLogFolder.of(logPath: "logs/aim/me/.system/2011-01-01.100000.txt", root: 0)?.folder.kind == .system)
        #expect(PidginLogFolder.of(logPath: "README.txt", root: 0) == nil)
    }
}
