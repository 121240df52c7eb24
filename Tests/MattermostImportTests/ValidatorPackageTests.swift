import Foundation
import Testing
@testable import MattermostImport

/// Whole packages: real zip files and bare JSONL files on disk.
@Suite("Validator packages")
struct ValidatorPackageTests {
    let validator = PackageValidator()

    func specZip(_ dir: ValidatorTempDirectory, name: String = "package.zip", extra: [(String, [UInt8])] = [], lines: [String] = ValidatorFixture.specExample) throws -> URL {
        try dir.zip(name, entries: [("import.jsonl", lines.jsonlBytes), ("data/files/0001/report.pdf", Array("%PDF-1.4 report".utf8))] + extra)
    }

    @Test("the spec §17 example validates clean as a zip")
    func specExampleIsClean() throws {
        let dir = try ValidatorTempDirectory()
        let report = try validator.validate(packageAt: try specZip(dir))
        #expect(report.errors == [])
        #expect(report.warnings == [])
        #expect(report.isValid)
        var expected = ValidationCounts()
        expected.teams = 1; expected.channels = 2; expected.users = 3; expected.posts = 2; expected.replies = 3
        expected.reactions = 1; expected.attachments = 1; expected.directChannels = 1; expected.directPosts = 3
        #expect(report.counts == expected)
        let strict = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: try specZip(dir, name: "again.zip"))
        #expect(strict.errors == [])
    }

    @Test("the spec example with CRLF line ends and no final newline is clean")
    func crlfIsAccepted() throws {
        let bytes = Array(ValidatorFixture.prelude.joined(separator: "\r\n").utf8)
        let report = validator.validate(jsonl: bytes)
        #expect(report.errors == [])
    }

    @Test("a missing attachment file is an error naming the expected entry")
    func missingAttachment() throws {
        let dir = try ValidatorTempDirectory()
        let zip = try dir.zip("p.zip", entries: [("import.jsonl", ValidatorFixture.specExample.jsonlBytes)])
        let report = try validator.validate(packageAt: zip)
        #expect(report.errors.map(\.id) == [ImportErrorID.attachmentMissing])
        #expect(report.errors.first?.line == 8)
        #expect(report.errors.first?.message.contains("data/files/0001/report.pdf") == true)
    }

    @Test("attachment paths resolve like Go's path join: ./, leading / and NFD names match")
    func pathJoinAndNFC() throws {
        let dir = try ValidatorTempDirectory()
        let nfdName = "data/files/Cafe\u{301}.txt"
        let lines = ValidatorFixture.prelude + [
            #"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","message":"m","create_at":5,"attachments":[{"path":"./files/a.txt"},{"path":"/files/b.txt"},{"path":"files/Caf\u00e9.txt"}]}}"#,
        ]
        let zip = try dir.zip("p.zip", entries: [("import.jsonl", lines.jsonlBytes), ("data/files/a.txt", [1]), ("data/files/b.txt", [2]), (nfdName, [3])])
        let report = try validator.validate(packageAt: zip)
        #expect(report.errors == [])
        #expect(report.warnings.map(\.id) == [ImportErrorID.notNFC])
    }

    @Test("missing profile and emoji images are errors")
    func missingImages() throws {
        let dir = try ValidatorTempDirectory()
        let lines = ValidatorFixture.prelude + [
            #"{"type":"user","user":{"username":"carol","email":"carol@example.com","profile_image":"profiles/carol.png"}}"#,
            #"{"type":"bot","bot":{"username":"robo","owner":"alice","profile_image":"profiles/robo.png"}}"#,
            #"{"type":"emoji","emoji":{"name":"parrot","image":"emoji/parrot.gif"}}"#,
        ]
        let report = try validator.validate(packageAt: try dir.zip("p.zip", entries: [("import.jsonl", lines.jsonlBytes)]))
        #expect(report.errors.map(\.id) == [ImportErrorID.profileImageMissing, ImportErrorID.profileImageMissing, ImportErrorID.emojiImageMissing])
        #expect(report.errors.map(\.line) == [6, 7, 8])
    }

    @Test("container warnings: __MACOSX, unused files, JSONL not first, second JSONL, nested JSONL first")
    func containerWarnings() throws {
        let dir = try ValidatorTempDirectory()
        let zip = try dir.zip("p.zip", entries: [
            ("attachments/old.jsonl", [0x7B]),
            ("import.jsonl", ValidatorFixture.specExample.jsonlBytes),
            ("other.jsonl", [0x7B]),
            ("data/files/0001/report.pdf", [1]),
            ("data/unused.bin", [2]),
            ("__MACOSX/._import.jsonl", [3]),
        ])
        let report = try validator.validate(packageAt: zip)
        #expect(report.errors == [])
        #expect(Set(report.warnings.map(\.id)) == [ImportErrorID.jsonlNotFirst, ImportErrorID.extraJSONL, ImportErrorID.macOSMetadata, ImportErrorID.unusedFile])
        #expect(report.warnings.contains { $0.id == ImportErrorID.unusedFile && $0.message.contains("data/unused.bin") })
        let strict = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: zip)
        #expect(!strict.isValid)
    }

    @Test("a bare .jsonl is validated with a warning that Mattermost needs a zip")
    func bareJSONL() throws {
        let dir = try ValidatorTempDirectory()
        let file = try dir.file("import.jsonl", bytes: ValidatorFixture.specExample.jsonlBytes)
        let report = try validator.validate(packageAt: file)
        #expect(report.errors == [])
        #expect(report.warnings.map(\.id) == [ImportErrorID.bareJSONL])
        #expect(report.counts.posts == 2)
    }

    @Test("unreadable inputs throw a one-line error naming the file")
    func unreadableInputs() throws {
        let dir = try ValidatorTempDirectory()
        let good = try specZip(dir)
        let zipBytes = Array(try Data(contentsOf: good))
        let truncated = try dir.file("truncated.zip", bytes: Array(zipBytes.prefix(zipBytes.count / 2)))
        let noJSONL = try dir.zip("nojsonl.zip", entries: [("data/x.txt", [1]), ("nested/import.jsonl", [0x7B])])
        var generator = SystemRandomNumberGenerator()
        let random = try dir.file("random.bin", bytes: (0..<4096).map { _ in UInt8.random(in: 0x80...0xFF, using: &generator) })
        let missing = dir.url.appendingPathComponent("missing.zip")
        let cases: [(URL, String)] = [(truncated, "truncated"), (noJSONL, "no .jsonl"), (random, "neither"), (missing, "cannot read")]
        for (url, phrase) in cases {
            do {
                _ = try validator.validate(packageAt: url)
                Issue.record("\(url.lastPathComponent) should not be readable")
            } catch {
                #expect(error.description.contains(url.lastPathComponent))
                #expect(error.description.contains(phrase), "\(error.description)")
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test("a zip whose JSONL data is corrupt is unreadable, not a crash")
    func corruptJSONLData() throws {
        let dir = try ValidatorTempDirectory()
        var bytes = Array(try Data(contentsOf: try specZip(dir)))
        // Flip bytes inside the first entry's compressed data (after its 30-byte header and name).
        for i in 60..<120 { bytes[i] ^= 0x5A }
        let corrupt = try dir.file("corrupt.zip", bytes: bytes)
        #expect(throws: ValidationInputError.self) { try validator.validate(packageAt: corrupt) }
    }

    @Test("invalid UTF-8 inside a line is a json_decode error with the byte offset")
    func invalidUTF8() throws {
        var bytes = ValidatorFixture.prelude.jsonlBytes
        bytes += Array(#"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","message":"a"#.utf8) + [0xC3, 0x28] + Array(#"","create_at":1}}"#.utf8) + [0x0A]
        let report = validator.validate(jsonl: bytes)
        #expect(report.errorIDs == [ImportErrorID.jsonDecode])
        #expect(report.errors.first?.line == 6)
        #expect(report.errors.first?.message.contains("invalid UTF-8 at byte 84") == true)
    }

    @Test("a UTF-8 byte order mark on line 1 is a json_decode error")
    func byteOrderMark() {
        let report = validator.validate(jsonl: [0xEF, 0xBB, 0xBF] + ValidatorFixture.prelude.jsonlBytes)
        #expect(report.errorIDs == [ImportErrorID.jsonDecode])
        #expect(report.errors.first?.line == 1)
    }

    @Test("a 20 MiB line is a file_scan error; the lines around it are still checked")
    func twentyMiBLine() throws {
        let dir = try ValidatorTempDirectory()
        let huge = #"{"type":"post","post":{"message":""# + String(repeating: "x", count: 20 << 20) + #""}}"#
        let lines = ValidatorFixture.prelude + [huge, #"{"type":"bogus"}"#]
        let zip = try dir.zip("huge.zip", entries: [("import.jsonl", lines.jsonlBytes)])
        let report = try validator.validate(packageAt: zip)
        #expect(report.errorIDs == [ImportErrorID.fileScan, ImportErrorID.unknownLineType])
        #expect(report.errors.map(\.line) == [6, 7])
        let bare = try dir.file("huge.jsonl", bytes: lines.jsonlBytes)
        #expect(try validator.validate(packageAt: bare).errorIDs == [ImportErrorID.fileScan, ImportErrorID.unknownLineType])
    }

    @Test("findings are capped per id with a closing count")
    func findingCap() {
        let lines = ValidatorFixture.prelude + Array(repeating: #"{"type":"bogus"}"#, count: 1_500)
        let report = validator.validate(jsonlLines: lines)
        #expect(report.errors.count == 1_001)
        #expect(report.errors.last?.id == ImportErrorID.findingsOmitted)
        #expect(report.errors.last?.message.hasPrefix("500 more") == true)
    }

    @Test("teams that already exist may be referenced without a team line")
    func teamsExist() {
        let lines = [ValidatorFixture.prelude[0],
                     #"{"type":"user","user":{"username":"dave","email":"d@example.com","teams":[{"name":"ops","channels":[{"name":"town-square"}]}]}}"#,
                     #"{"type":"post","post":{"team":"ops","channel":"off-topic","user":"dave","message":"m","create_at":3}}"#]
        #expect(!validator.validate(jsonlLines: lines).isValid)
        let report = PackageValidator(options: ValidationOptions(teamsExist: ["OPS"])).validate(jsonlLines: lines)
        #expect(report.errors == [])
    }

    @Test("users that already exist on the server may be referenced as bot owner, author, member or reactor")
    func usersExist() {
        let lines = ValidatorFixture.prelude + [
            #"{"type":"bot","bot":{"username":"robo","owner":"admin"}}"#,
            #"{"type":"post","post":{"team":"acme","channel":"general","user":"Old.Timer","message":"m","create_at":3,"reactions":[{"user":"admin","emoji_name":"+1","create_at":4}],"replies":[{"user":"old.timer","message":"r","create_at":5}],"flagged_by":["admin"]}}"#,
            #"{"type":"direct_channel","direct_channel":{"members":["alice","old.timer"]}}"#,
            #"{"type":"direct_post","direct_post":{"channel_members":["old.timer","admin"],"user":"admin","message":"m","create_at":6}}"#,
        ]
        let strict = ValidationOptions(strict: true)
        let without = PackageValidator(options: strict).validate(jsonlLines: lines)
        #expect(Set(without.errorIDs) == [ImportErrorID.botOwnerNotFound, ImportErrorID.usersNotFound, ImportErrorID.reactionUserNotFound])
        #expect(without.errors.allSatisfy { $0.message.contains("--users-exist") })
        var options = strict
        options.usersExist = ["ADMIN", "old.timer"]
        let report = PackageValidator(options: options).validate(jsonlLines: lines)
        #expect(report.errors == [])
        #expect(report.warnings == [])
        // Only the named users: anyone else is still an error.
        options.usersExist = ["admin"]
        #expect(PackageValidator(options: options).validate(jsonlLines: lines).errorIDs.allSatisfy { $0 == ImportErrorID.usersNotFound })
    }

    @Test("--max-post-runes lowers the message limit")
    func maxPostRunes() {
        let lines = ValidatorFixture.prelude + [#"{"type":"post","post":{"team":"acme","channel":"general","user":"alice","message":"\#(String(repeating: "ü", count: 4001))","create_at":3}}"#]
        #expect(validator.validate(jsonlLines: lines).isValid)
        let report = PackageValidator(options: ValidationOptions(maxPostRunes: 4000)).validate(jsonlLines: lines)
        #expect(report.errorIDs == ["app.import.validate_post_import_data.message_length.error"])
    }

    @Test("keys match case-insensitively and the last duplicate key wins, like Go")
    func goKeySemantics() {
        let lines = ValidatorFixture.prelude + [
            #"{"type":"user","user":{"Username":"carol","EMAIL":"carol@example.com","email":"bad"}}"#,
        ]
        let report = validator.validate(jsonlLines: lines)
        #expect(report.errorIDs == [ImportErrorID.userEmailInvalid])
    }

    @Test("--json output has the documented keys in a fixed order")
    func jsonShape() throws {
        let report = validator.validate(jsonlLines: ValidatorFixture.prelude + [#"{"type":"bogus"}"#])
        let bytes = report.jsonBytes()
        #expect(bytes == report.jsonBytes())
        guard case .object(let object) = try JSONParser.parse(bytes) else { Issue.record("not an object"); return }
        #expect(object.keys == ["valid", "errors", "warnings", "counts"])
        #expect(object["valid"] == .bool(false))
        #expect(object["errors"] == .array([.object(JSONObject([("line", .int(6)), ("id", .string(ImportErrorID.unknownLineType)),
                                                                ("message", .string("unknown line type \"bogus\""))]))]))
        #expect(object["counts"]?.objectValue?.keys == ["teams", "channels", "users", "bots", "emoji", "posts", "replies", "reactions",
                                                         "attachments", "direct_channels", "direct_posts"])
    }

    @Test("emoji images must be PNG, JPEG, GIF, WebP or SVG of at most 512 KiB")
    func emojiImages() throws {
        let dir = try ValidatorTempDirectory()
        let lines = ValidatorFixture.prelude + ["png", "svg", "txt", "big"].map {
            #"{"type":"emoji","emoji":{"name":"e_\#($0)","image":"emoji/\#($0)"}}"#
        }
        let zip = try dir.zip("p.zip", entries: [
            ("import.jsonl", lines.jsonlBytes),
            ("data/emoji/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
            ("data/emoji/svg", Array(" <svg xmlns='http://www.w3.org/2000/svg'/>".utf8)),
            ("data/emoji/txt", Array("hello".utf8)),
            ("data/emoji/big", [0x89, 0x50, 0x4E, 0x47] + [UInt8](repeating: 0, count: 600 * 1024)),
        ])
        let report = try validator.validate(packageAt: zip)
        #expect(report.errorIDs == [ImportErrorID.emojiImageMissing, ImportErrorID.emojiImageMissing])
        #expect(report.errors.map(\.line) == [8, 9])
    }

    @Test("a file put beside data/ instead of inside is named in the error")
    func misplacedAttachment() throws {
        let dir = try ValidatorTempDirectory()
        let zip = try dir.zip("p.zip", entries: [("import.jsonl", ValidatorFixture.specExample.jsonlBytes), ("files/0001/report.pdf", [1])])
        let report = try validator.validate(packageAt: zip)
        #expect(report.errorIDs == [ImportErrorID.attachmentMissing])
        #expect(report.errors.first?.message.contains("it is at files/0001/report.pdf") == true)
    }
}
