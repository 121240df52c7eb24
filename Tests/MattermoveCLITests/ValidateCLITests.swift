import Foundation
import Testing

/// `mattermove validate` on good and bad input, through the real executable: the right exit status,
/// one line on stderr for unreadable input, never a crash.
@Suite struct ValidateCLITests {
    let directory: URL

    init() throws {
        directory = try CLIRunner.temporaryDirectory()
    }

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func zip(_ name: String, files: [String: [UInt8]]) throws -> String {
        let folder = directory.appendingPathComponent(name + ".d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (path, bytes) in files.sorted(by: { $0.key < $1.key }) {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url)
        }
        let output = directory.appendingPathComponent(name).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/zip")
        process.currentDirectoryURL = folder
        process.arguments = ["-q", "-r", output] + files.keys.sorted()
        try process.run()
        process.waitUntilExit()
        return output
    }

    static let example = """
        {"type":"version","version":1}
        {"type":"team","team":{"name":"acme","display_name":"Acme Inc","type":"O","allow_open_invite":true}}
        {"type":"channel","channel":{"team":"acme","name":"general-chat","display_name":"General Chat","type":"O"}}
        {"type":"user","user":{"username":"alice","email":"alice@example.com","teams":[{"name":"acme","channels":[{"name":"general-chat"}]}]}}
        {"type":"post","post":{"team":"acme","channel":"general-chat","user":"alice","message":"hello","create_at":1700000000000}}

        """

    @Test func validPackageExitsZeroWithJSON() throws {
        let package = try zip("ok.zip", files: ["import.jsonl": Array(Self.example.utf8)])
        let result = try CLIRunner.run(["validate", package, "--json", "--strict"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["valid"] as? Bool == true)
        #expect((json?["counts"] as? [String: Any])?["posts"] as? Int == 1)
    }

    @Test func invalidPackageExitsOne() throws {
        let bad = Self.example.replacingOccurrences(of: "\"create_at\":1700000000000", with: "\"create_at\":0")
        let package = try zip("bad.zip", files: ["import.jsonl": Array(bad.utf8)])
        let result = try CLIRunner.run(["validate", package])
        #expect(result.status == 1)
        #expect(result.stdout.contains("app.import.validate_post_import_data.create_at_zero.error"))
    }

    @Test(arguments: ["truncated", "no-jsonl", "random", "missing"])
    func unreadableInputExitsTwoWithOneLine(kind: String) throws {
        let path: String
        switch kind {
        case "truncated":
            let whole = try Data(contentsOf: URL(fileURLWithPath: try zip("whole.zip", files: ["import.jsonl": Array(Self.example.utf8)])))
            path = try write("truncated.zip", Array(whole.prefix(whole.count / 2)))
        case "no-jsonl":
            path = try zip("nojsonl.zip", files: ["data/readme.txt": Array("hi".utf8)])
        case "random":
            var generator = SystemRandomNumberGenerator()
            path = try write("random.zip", (0..<10_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        default:
            path = directory.appendingPathComponent("does-not-exist.zip").path
        }
        let result = try CLIRunner.run(["validate", path])
        #expect(result.status == 2 || result.status == 1)
        if result.status == 2 {
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.hasPrefix("error: ") == true)
        }
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func invalidUTF8AndHugeLineAreFindingsNotCrashes() throws {
        var invalid = Array("{\"type\":\"version\",\"version\":1}\n{\"type\":\"team\",\"team\":{\"name\":\"a".utf8)
        invalid += [0xFF, 0xFE]
        invalid += Array("\"}}\n".utf8)
        let invalidResult = try CLIRunner.run(["validate", try write("invalid.jsonl", invalid)])
        #expect(invalidResult.status == 1)
        #expect(invalidResult.stdout.contains("app.import.bulk_import.json_decode.error"))

        var huge = Array("{\"type\":\"version\",\"version\":1}\n{\"type\":\"post\",\"post\":{\"message\":\"".utf8)
        huge += [UInt8](repeating: 0x61, count: 20 * 1024 * 1024)
        huge += Array("\"}}\n".utf8)
        let hugeResult = try CLIRunner.run(["validate", try write("huge.jsonl", huge)])
        #expect(hugeResult.status == 1)
        #expect(hugeResult.stdout.contains("app.import.bulk_import.file_scan.error"))
    }

    @Test func usersExistAcceptsReferencesToServerUsers() throws {
        // A bot owned by the server's admin, a post and a DM by a user of an earlier run: none is defined here.
        let lines = Self.example + """
            {"type":"bot","bot":{"username":"deploy-bot","display_name":"Deploy","owner":"admin"}}
            {"type":"post","post":{"team":"acme","channel":"general-chat","user":"Earlier.User","message":"again","create_at":1700000000001}}
            {"type":"direct_post","direct_post":{"channel_members":["alice","earlier.user"],"user":"alice","message":"hi","create_at":1700000000002}}

            """
        let package = try zip("users.zip", files: ["import.jsonl": Array(lines.utf8)])
        let without = try CLIRunner.run(["validate", package, "--strict"])
        #expect(without.status == 1)
        #expect(without.stdout.contains("--users-exist"))
        let with = try CLIRunner.run(["validate", package, "--strict", "--users-exist", "admin, earlier.user"])
        #expect(with.status == 0, "\(with.stdout)")
        #expect(with.stdout.contains("valid: 0 errors, 0 warnings"))
    }

    @Test func blankLinesAreOneFinding() throws {
        let lines = Self.example + String(repeating: "\n", count: 50_000) + "  \r\n"
        let result = try CLIRunner.run(["validate", try write("blank.jsonl", Array(lines.utf8))])
        #expect(result.status == 1)
        #expect(result.stdout.contains("line 6: app.import.bulk_import.json_decode.error: unexpected empty lines: 50001 lines up to line 50006"))
        #expect(result.stdout.contains("INVALID: 1 errors"))
    }

    @Test func helpNamesUsersExist() throws {
        let result = try CLIRunner.run(["validate", "--help"])
        #expect(result.stdout.contains("--users-exist"))
    }
}
