import Foundation
import MigrationCore
import Testing
import TestSupport
@testable import PidginSource

/// Rooms become channels with nicks mapped; the same conversation logged by two accounts is merged
/// without duplicates; `%XX` folder names; account system logs; two runs are byte-identical.
@Suite struct PidginMergeTests {
    typealias W = PidginLogWriter
    typealias Skip = PidginWalker.SkipReason

    /// Alice's and Bob's `~/.purple/logs`: their IM from both sides (Bob's clock one second late, one
    /// message only Bob has) and the room both were in.
    static func twoTrees() throws -> (alice: URL, bob: URL) {
        let header = W.htmlHeader(with: "bob@example.com", date: "3/4/2011 8:59:21 PM", account: "alice@example.com/Home", protocolName: "XMPP")
        let aliceIM = header
            + W.htmlSent("8:59:30 PM", "Alice", "hi Bob")
            + W.htmlReceived("9:00:00 PM", "Bob", "hi Alice")
            + W.htmlSent("9:00:10 PM", "Alice", "ok")
            + W.htmlSent("9:00:12 PM", "Alice", "ok")
        let bobIM = W.htmlHeader(with: "alice@example.com", date: "3/4/2011 8:59:22 PM", account: "bob@example.com/Laptop", protocolName: "XMPP")
            + W.htmlReceived("8:59:31 PM", "alice@example.com/Home", "hi Bob")
            + W.htmlSent("9:00:01 PM", "bob", "hi Alice")
            + W.htmlReceived("9:00:11 PM", "alice@example.com/Home", "ok")
            + W.htmlReceived("9:00:13 PM", "alice@example.com/Home", "ok")
            + W.htmlSent("9:05:00 PM", "bob", "are you still there?")
        let room = "dev@conference.example.com"
        let aliceRoom = W.htmlHeader(with: room, date: "3/4/2011 10:00:00 PM", account: "alice@example.com/Home", protocolName: "XMPP")
            + W.htmlSystem("10:00:00 PM", "al entered the room.")
            + W.htmlSent("10:00:05 PM", "al", "morning all")
            + W.htmlReceived("10:00:09 PM", "bobby", "morning al")
            + W.htmlReceived("10:00:20 PM", "carol", "hi")
            + W.htmlWhisper("10:00:30 PM", "carol", "psst, secret")
        let bobRoom = W.htmlHeader(with: room, date: "3/4/2011 10:00:01 PM", account: "bob@example.com/Laptop", protocolName: "XMPP")
            + W.htmlReceived("10:00:05 PM", "al", "morning all")
            + W.htmlSent("10:00:10 PM", "bobby", "morning al")
            + W.htmlReceived("10:00:21 PM", "carol", "hi")
        let alice = try W.tree([
            "jabber/alice@example.com/bob@example.com/2011-03-04.205921-0800PST.html": aliceIM,
            "jabber/alice@example.com/dev%40conference.example.com.chat/2011-03-04.220000-0800PST.html": aliceRoom,
            "jabber/alice@example.com/.system/2011-03-04.205900-0800PST.html": "<html><head><title>System log for account alice@example.com/Home (XMPP) connected at 3/4/2011 8:59:00 PM</title></head><body>\n---- alice@example.com/Home has signed on @ 8:59:00 PM ----<br/>\n---- bob@example.com has signed on @ 8:59:10 PM ----<br/>\n",
            "jabber/alice@example.com/bob@example.com/0123abcd.png": "not really an image",
        ])
        let bob = try W.tree([
            "jabber/bob%40example.com/alice%40example.com/2011-03-04.205922-0800PST.html": bobIM,
            "jabber/bob%40example.com/dev%40conference.example.com.chat/2011-03-04.220001-0800PST.html": bobRoom,
        ])
        return (alice, bob)
    }

    static func userMap() -> [String: PidginMappedUser] {
        ["bobby": PidginMappedUser(username: "bob"), "bob@example.com": PidginMappedUser(username: "bob", email: "bob@example.com"),
         "al": PidginMappedUser(username: "alice"), "alice@example.com": PidginMappedUser(username: "alice", email: "alice@example.com")]
    }

    @Test func twoAccountsLogsMergeWithoutDuplicates() throws {
        let (alice, bob) = try Self.twoTrees()
        defer { try? FileManager.default.removeItem(at: alice); try? FileManager.default.removeItem(at: bob) }
        let run = try PidginRun.run([alice, bob]) { $0.userMap = Self.userMap() }
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        let dm = run.posts.filter { $0.conversation == "alice,bob" }
        #expect(dm.map(\.message) == ["hi Bob", "hi Alice", "ok", "ok", "are you still there?"])
        #expect(dm.map(\.user) == ["alice", "bob", "alice", "alice", "bob"])
        #expect(run.skipped(Skip.duplicate) == 7)  // Bob's copies: 4 IM lines and 3 room lines
        let channel = run.posts.filter { $0.conversation == "dev" }
        #expect(channel.map(\.message) == ["morning all", "morning al", "hi"])
        #expect(channel.map(\.user).prefix(2) == ["alice", "bob"])
        #expect(channel[2].user.hasPrefix("unknown-"))  // carol: an unmapped nick, a deactivated placeholder
        #expect(run.skipped(Skip.whisper) == 1 && run.skipped(Skip.system) == 1 && run.skipped(Skip.systemLog) == 2)
        #expect(run.report.skippedCount("file") == 1)  // the inline image next to the log
        #expect(run.jsonl.contains("\"type\":\"P\""))  // rooms are private channels
    }

    @Test func twoRunsAreByteIdentical() throws {
        let (alice, bob) = try Self.twoTrees()
        defer { try? FileManager.default.removeItem(at: alice); try? FileManager.default.removeItem(at: bob) }
        let first = try PidginRun.run([alice, bob]) { $0.userMap = Self.userMap() }
        let second = try PidginRun.run([alice, bob]) { $0.userMap = Self.userMap() }
        defer { first.remove(); second.remove() }
        #expect(try Data(contentsOf: first.package) == Data(contentsOf: second.package))
    }

    @Test func oneTreeAloneKeepsRepeatsAndMapsOwners() throws {
        let (alice, bob) = try Self.twoTrees()
        defer { try? FileManager.default.removeItem(at: alice); try? FileManager.default.removeItem(at: bob) }
        let run = try PidginRun.run([bob]) { $0.ownerMap = ["bob@example.com": PidginMappedUser(username: "robert")] }
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.skipped(Skip.duplicate) == 0)
        #expect(run.posts.filter { $0.message == "ok" }.count == 2)  // repeats inside one copy are real
        #expect(run.post("are you still there?")?.user == "robert")
        #expect(run.post("hi Bob")?.user == "alice")  // %40-escaped folder names decoded to the JIDs
    }

    /// The bundled example: Alice's HTML copy and Bob's TXT copy of one IM agree once markup is set aside.
    @Test func htmlAndTextCopiesOfTheExampleMerge() throws {
        let example = SharedFixtures.repository.appendingPathComponent("Examples/pidgin-example")
        let map = try PidginOptions.loadMap(example.appendingPathComponent("users.csv"))
        let run = try PidginRun.run([example.appendingPathComponent("alice"), example.appendingPathComponent("bob")]) { $0.userMap = map }
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        let dm = run.posts.filter { $0.conversation == "alice,bob" }
        #expect(dm.map(\.message) == ["Is the **release** ready?", "Almost, see [build 42](https://ci.example.com/42)", "crosses fingers",
                                      "_(auto-reply)_ Back after dinner", "Two more tests,\nthen it ships.", "Good night", "Released!"])
        #expect(run.skipped(Skip.duplicate) == 2)
        #expect(run.posts.filter { $0.conversation == "dev" }.map(\.user) == ["alice", "bob"])
    }
}
