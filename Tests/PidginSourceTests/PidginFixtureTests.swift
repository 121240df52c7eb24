import Foundation
import Testing
import TestSupport
@testable import PidginSource

/// The two real logs of gabebw/pidgin2adium (../shared/fixtures/pidgin/pidgin2adium, read in place and
/// copied into a temporary `~/.purple/logs` layout, which they came without).
@Suite(.enabled(if: SharedFixtures.exists("pidgin/pidgin2adium/2006-12-21.223606.txt")))
struct PidginFixtureTests {
    typealias Skip = PidginWalker.SkipReason
    static let fixtures = SharedFixtures.url("pidgin/pidgin2adium")

    static func tree() throws -> URL {
        let root = try TemporaryDirectory.make("pidgin-fixture")
        for (file, folder) in [("2006-12-21.223606.txt", "aim/awesomesn/buddy_person"),
                               ("2008-01-15.071445-0500PST.html", "aim/othersn/aolsystemmsg")] {
            let target = root.appendingPathComponent(folder)
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(file), to: target.appendingPathComponent(file))
        }
        return root
    }

    @Test func realLogsConvert() throws {
        let tree = try Self.tree()
        defer { try? FileManager.default.removeItem(at: tree) }
        let run = try PidginRun.run([tree])
        defer { run.remove() }
        run.expectValid()
        run.expectBalanced()
        #expect(run.report.input.messages == 5)
        // TXT, ISO header, no zone in the name (read as UTC, reported); the status line is skipped.
        let gaim = try #require(run.post("what are you doing tomorrow?"))
        #expect(gaim.createAt == utc(2006, 12, 21, 22, 36, 11))
        #expect(gaim.user == "awesomesn")  // a TXT name in no map: the owner, reported as a guess
        #expect(run.skipped(Skip.system) == 1)
        // HTML without <html>/<body>, Windows header, full-date stamps, a link, a span.
        let html = run.posts.filter { $0.conversation.contains("aolsystemmsg") }
        #expect(html.count == 3)
        #expect(html[0].createAt == utc(2008, 1, 15, 12, 14, 45))
        #expect(html[0].user == "aolsystemmsg")
        #expect(html[0].message.contains("Click [here](http://www.aim.com/password/routing.adp) for more information."))
        #expect(html[1].message == "1" && html[1].user == "othersn")
    }
}
