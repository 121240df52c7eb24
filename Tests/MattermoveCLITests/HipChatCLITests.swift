import Foundation
import TestSupport
import Testing

/// `convert hipchat` and `inspect hipchat` through the real executable on an export encrypted by the
/// `openssl` CLI: the password from a file or the environment (never argv), a wrong one as one line.
@Suite(.enabled(if: ExternalTool.exists("openssl") && ExternalTool.exists("tar")))
struct HipChatCLITests {
    static let password = "cli pass"

    /// A small layout-A export, tarred, gzipped and encrypted with `-md md5`; returns it and the password file.
    static func encryptedExport(in directory: URL) throws -> (export: URL, passwordFile: URL) {
        let tree = directory.appendingPathComponent("tree")
        try TemporaryDirectory.writeTree([
            "users.json": Data(#"[{"User":{"id":1,"name":"Ann A","mention_name":"ann","email":"ann@example.com","account_type":"admin"}},{"User":{"id":2,"name":"Ben B","mention_name":"ben","email":null,"account_type":"guest"}}]"#.utf8),
            "rooms.json": Data(#"[{"Room":{"id":7,"name":"Ops","privacy":"public","owner":1,"members":[]}}]"#.utf8),
            "rooms/7/history.json": Data(#"[{"UserMessage":{"id":"a","sender":{"id":1},"message":"hi @ben","timestamp":"2018-08-08T14:23:54Z 626267"}},{"UserMessage":{"id":"b","sender":{"id":2},"message":"/me waves","timestamp":"2018-08-08T14:24:54Z"}}]"#.utf8),
            "users/1/history.json": Data(#"[{"PrivateUserMessage":{"id":"p","sender":{"id":1},"receiver":{"id":2},"message":"psst","timestamp":"2018-08-09T10:00:00Z"}}]"#.utf8),
            "users/2/history.json": Data(#"[{"PrivateUserMessage":{"id":"p","sender":{"id":1},"receiver":{"id":2},"message":"psst","timestamp":"2018-08-09T10:00:00Z"}}]"#.utf8),
        ], at: tree)
        let tarGz = directory.appendingPathComponent("export.tar.gz")
        #expect(try ExternalTool.run("tar", ["czf", tarGz.path, "-C", tree.path, "users.json", "rooms.json", "rooms", "users"]).status == 0)
        let passwordFile = directory.appendingPathComponent("password.txt")
        try Data((password + "\n").utf8).write(to: passwordFile)
        let export = directory.appendingPathComponent("export.tar.gz.aes")
        let encrypted = try ExternalTool.run("openssl", ["enc", "-aes-256-cbc", "-md", "md5", "-salt", "-pass", "file:" + passwordFile.path,
                                                         "-in", tarGz.path, "-out", export.path])
        #expect(encrypted.status == 0, "\(encrypted.output)")
        return (export, passwordFile)
    }

    @Test func convertsWithPasswordFileOrEnvironmentAndValidates() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (export, passwordFile) = try Self.encryptedExport(in: directory)
        let first = directory.appendingPathComponent("first.zip").path
        let byFile = try CLIRunner.run(["convert", "hipchat", export.path, "--team", "acme", "--password-file", passwordFile.path,
                                        "--default-email-domain", "example.com", "--output", first])
        #expect(byFile.status == 0, "\(byFile.stderr)")
        #expect(byFile.stdout.contains(" 2 posts,") && byFile.stdout.contains(" 1 direct posts,"), "\(byFile.stdout)")
        #expect(!byFile.stdout.contains(Self.password) && !byFile.stderr.contains(Self.password))
        let second = directory.appendingPathComponent("second.zip").path
        let byEnvironment = try CLIRunner.run(["convert", "hipchat", export.path, "--team", "acme", "--default-email-domain", "example.com",
                                               "--output", second], environment: ["HIPCHAT_EXPORT_PASSWORD": Self.password])
        #expect(byEnvironment.status == 0, "\(byEnvironment.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: first)) == Data(contentsOf: URL(fileURLWithPath: second)))
        let validation = try CLIRunner.run(["validate", first, "--strict"])
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    @Test func wrongPasswordIsOneLineAndNoPackage() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (export, _) = try Self.encryptedExport(in: directory)
        let output = directory.appendingPathComponent("out.zip")
        let result = try CLIRunner.run(["convert", "hipchat", export.path, "--team", "acme", "--output", output.path],
                                       environment: ["HIPCHAT_EXPORT_PASSWORD": "wrong"])
        #expect(result.status != 0)
        #expect(result.stderr == "error: export.tar.gz.aes: wrong password or not a HipChat export\n", "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func inspectCountsTheExport() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (export, passwordFile) = try Self.encryptedExport(in: directory)
        let result = try CLIRunner.run(["inspect", "hipchat", export.path, "--password-file", passwordFile.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("encrypted with AES-256-CBC (key derivation: md5)"))
        #expect(result.stdout.contains("users: 2 (1 guests, 0 deactivated, 1 without email)"))
        #expect(result.stdout.contains("messages: 3; 1:1 conversations: 1"), "\(result.stdout)")
    }
}
