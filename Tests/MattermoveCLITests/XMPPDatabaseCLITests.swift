import Foundation
import Testing
import TestSupport

/// `convert xmpp --database URL` through the real executable: the password's rules, and a server that
/// cannot be reached, each as one line on stderr.
@Suite struct XMPPDatabaseCLITests {
    @Test func passwordInTheURLIsRefusedInOneLine() throws {
        let result = try CLIRunner.run(["convert", "xmpp", "--server", "ejabberd", "--database",
                                        "postgres://mm:Top-Secret-9@127.0.0.1:1/ejabberd", "--team", "jabber"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: --database: the URL holds a password"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.output.contains("Top-Secret-9"))
    }

    @Test(.enabled(if: ExternalTool.exists("psql"), "psql is not installed"))
    func unreachableServerIsOneLineWithoutTheSecret() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("password")
        try Data("Pass-Secret-7\n".utf8).write(to: passwordFile)
        // Port 1 on loopback: nothing listens there.
        let result = try CLIRunner.run(["inspect", "xmpp", "--server", "prosody", "--database", "postgres://mm@127.0.0.1:1/prosody",
                                        "--password-file", passwordFile.path])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: cannot reach PostgreSQL database prosody at 127.0.0.1:1"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(!result.output.contains("Pass-Secret-7"))
    }

    @Test func helpNamesTheURLsAndThePasswordFile() throws {
        let help = try CLIRunner.run(["convert", "xmpp", "--help"])
        #expect(help.stdout.contains("postgres://user@host:port/db"))
        #expect(help.stdout.contains("--password-file"))
    }
}
