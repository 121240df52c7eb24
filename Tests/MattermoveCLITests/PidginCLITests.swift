import Foundation
import TestSupport
import Testing

/// `convert pidgin` and `inspect pidgin` through the real binary: the package passes `validate
/// --strict`, inspect counts what convert counts, and bad input is one `error:` line.
@Suite struct PidginCLITests {
    static let header = "<html><head><title>Conversation with bob@example.com at 3/4/2011 8:59:21 PM on alice@example.com/Home (XMPP)</title></head><body>\n"

    static func tree(extra: String = "") throws -> URL {
        let root = try CLIRunner.temporaryDirectory()
        let log = header
            + "<font color=\"#16569E\"><font size=\"2\">(8:59:30 PM)</font> <b>Alice:</b></font> hello<br/>\n"
            + "<font color=\"#A82F2F\"><font size=\"2\">(9:00:00 PM)</font> <b>Bob:</b></font> hi<br/>\n"
            + "<font size=\"2\">(9:01:00 PM)</font><b> Bob has signed off.</b><br/>\n" + extra
        let bobLog = header.replacingOccurrences(of: "with bob@example.com", with: "with alice@example.com")
            + "<font color=\"#A82F2F\"><font size=\"2\">(8:59:31 PM)</font> <b>Alice:</b></font> hello<br/>\n"
            + "<font color=\"#16569E\"><font size=\"2\">(9:00:00 PM)</font> <b>Bob:</b></font> hi<br/>\n"
        try TemporaryDirectory.writeTree([
            "alice/jabber/alice@example.com/bob@example.com/2011-03-04.205921-0800PST.html": Data(log.utf8),
            "bob/jabber/bob@example.com/alice@example.com/2011-03-04.205922-0800PST.html": Data(bobLog.utf8),
        ], at: root)
        return root
    }

    @Test func convertValidatesStrictlyAndInspectCountsTheSame() throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let package = root.appendingPathComponent("out.zip").path, report = root.appendingPathComponent("report.json").path
        let alice = root.appendingPathComponent("alice").path, bob = root.appendingPathComponent("bob").path
        let convert = try CLIRunner.run(["convert", "pidgin", alice, bob, "--team", "Jabber Shop", "--output", package,
                                         "--report", report, "--date-order", "mdy", "--timezone", "America/Los_Angeles"])
        #expect(convert.status == 0, "\(convert.stderr)")
        #expect(convert.stdout.contains("2 direct posts"), "\(convert.stdout)")
        let validation = try CLIRunner.run(["validate", package, "--strict"])
        #expect(validation.status == 0, "\(validation.output)")

        let inspect = try CLIRunner.run(["inspect", "pidgin", alice, bob, "--json"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        let reportObject = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let input = try #require(reportObject["input"] as? [String: Any])
        #expect(object["linesIn"] as? Int == input["messages"] as? Int)
        #expect(object["duplicateCopies"] as? Int == 2)
        #expect(object["mergedConversations"] as? Int == 1)
        #expect((object["posts"] as? [String: Int])?["message"] == 2)
        #expect(object["firstDay"] as? String == "2011-03-05")

        let text = try CLIRunner.run(["inspect", "pidgin", alice, bob, "--quiet"])
        #expect(text.stdout.contains("duplicate copies found: 2; unparseable lines: 0"), "\(text.stdout)")
    }

    @Test func unknownLineIsOneErrorLineWithoutLenient() throws {
        let root = try Self.tree(extra: "<span>broken html<br/>\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let package = root.appendingPathComponent("out.zip").path
        let alice = root.appendingPathComponent("alice").path
        let strict = try CLIRunner.run(["convert", "pidgin", alice, "--team", "t", "--output", package])
        #expect(strict.status != 0)
        #expect(strict.stderr.hasPrefix("error: alice/jabber/alice@example.com/bob@example.com/2011-03-04.205921-0800PST.html: line 5 (byte "), "\(strict.stderr)")
        #expect(strict.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: package))
        let lenient = try CLIRunner.run(["convert", "pidgin", alice, "--team", "t", "--output", package, "--lenient"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(try CLIRunner.run(["validate", package, "--strict"]).status == 0)
        let inspect = try CLIRunner.run(["inspect", "pidgin", alice, "--quiet"])
        #expect(inspect.stdout.contains("unparseable lines: 1"), "\(inspect.stdout)")
    }
}
