import Foundation
import Testing
@testable import MattermostImport

/// Blank and whitespace-only lines: skipped in bulk by the splitter, reported once per run.
@Suite("Validator blank lines")
struct ValidatorBlankLineTests {
    /// Records what the splitter hands over, one entry per line: its number and whether it is blank.
    struct RecordingSink: LineSink {
        var lines: [(number: Int, blank: Bool, bytes: [UInt8])] = []

        mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
            lines.append((number, bytes.allSatisfy(BlankRun.isWhitespace), Array(bytes)))
        }

        mutating func blankLines(from first: Int, count: Int) {
            for number in first..<first + count { lines.append((number, true, [])) }
        }

        mutating func tooLong(number: Int) { lines.append((number, false, Array("too long".utf8))) }
    }

    /// What a plain split on LF gives (a last line without LF counts when it is not empty).
    static func reference(_ bytes: [UInt8]) -> [(number: Int, blank: Bool, bytes: [UInt8])] {
        var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        return pieces.enumerated().map { ($0.offset + 1, $0.element.allSatisfy(BlankRun.isWhitespace), $0.element) }
    }

    @Test("the splitter gives the same lines as a plain split, whatever the chunk sizes", arguments: [1, 3, 7, 8, 9, 64, 4096])
    func splitterMatchesReference(chunkSize: Int) {
        var random = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0A, 0x20, 0x09, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "x")]
        for _ in 0..<50 {
            var bytes = (0..<Int.random(in: 0..<400, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            // Long newline runs exercise the word-at-a-time path at every alignment.
            bytes.insert(contentsOf: [UInt8](repeating: 0x0A, count: Int.random(in: 0..<100, using: &random)),
                         at: Int.random(in: 0...bytes.count, using: &random))
            var splitter = LineSplitter()
            var sink = RecordingSink()
            var offset = 0
            bytes.withUnsafeBytes { raw in
                while offset < raw.count {
                    let end = min(offset + chunkSize, raw.count)
                    splitter.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<end]), into: &sink)
                    offset = end
                }
            }
            splitter.finish(into: &sink)
            let expected = Self.reference(bytes)
            #expect(sink.lines.map(\.number) == expected.map(\.number))
            #expect(sink.lines.map(\.blank) == expected.map(\.blank))
            #expect(sink.lines.filter { !$0.blank }.map(\.bytes) == expected.filter { !$0.blank }.map(\.bytes))
        }
    }

    @Test("a run of blank lines is one json_decode finding at its first line; later lines keep their numbers")
    func blankRunIsOneFinding() {
        let blanks = [UInt8](repeating: 0x0A, count: 100_000) + Array("  \r\n\t\n".utf8)
        let bytes = ValidatorFixture.prelude.jsonlBytes + blanks + Array(#"{"type":"bogus"}"#.utf8) + [0x0A, 0x0A]
        let report = PackageValidator().validate(jsonl: bytes)
        let blankLine = ValidatorFixture.prelude.count + 1
        let bogusLine = blankLine + 100_002
        #expect(report.errors.map(\.line) == [blankLine, bogusLine, bogusLine + 1])
        #expect(report.errorIDs == [ImportErrorID.jsonDecode, ImportErrorID.unknownLineType, ImportErrorID.jsonDecode])
        #expect(report.errors.first?.message.contains("100002 lines up to line \(bogusLine - 1)") == true)
        #expect(report.errors.last?.message.hasPrefix("unexpected empty line;") == true)
    }

    @Test("megabytes of newlines in a zip, across read chunks, are one finding and the package is still read to the end")
    func newlinesInZip() throws {
        let dir = try ValidatorTempDirectory()
        var jsonl = ValidatorFixture.prelude.jsonlBytes
        for round in 0..<40 {
            jsonl += [UInt8](repeating: 0x0A, count: 100_000 + round)
            jsonl += Array("   \r\n \n".utf8)
        }
        jsonl += Array(#"{"type":"post","post":{"team":"acme","channel":"general","user":"zed","message":"m","create_at":1}}"#.utf8) + [0x0A]
        let zip = try dir.zip("blank.zip", entries: [("import.jsonl", jsonl)])
        let report = try PackageValidator().validate(packageAt: zip)
        let lastLine = jsonl.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        #expect(report.errorIDs == [ImportErrorID.jsonDecode, ImportErrorID.usersNotFound])
        #expect(report.errors.map(\.line) == [ValidatorFixture.prelude.count + 1, lastLine])
        #expect(report.counts.posts == 1)
    }
}
