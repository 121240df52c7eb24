import Foundation
import Testing

/// Issue 7 §4: a day file that inflates to 2 GiB converts, or is refused in one line, within the usual
/// peak RSS, because JSON entries are read one array element at a time.
@Suite(.enabled(if: HugeEntryZip.hasPython, "needs python3 to write the 2 GiB test entries"), .serialized)
struct HugeEntryCLITests {
    static let small = [
        "users.json": #"[{"id": "U1", "name": "alice", "profile": {"email": "alice@corp.example"}}]"#,
        "channels.json": #"[{"id": "C1", "name": "general", "members": ["U1"]}]"#,
    ]
    static let message = #"{"type": "message", "user": "U1", "text": "before the padding", "ts": "1700000000.000100"}"#
    static let peakLimitMiB = 256

    func convert(_ zip: URL, in directory: URL) throws -> MeasuredRun.Result {
        try MeasuredRun.run(["convert", "slack", zip.path, "--team", "huge", "--bot-owner", "alice", "--quiet",
                             "--output", directory.appendingPathComponent("out.zip").path,
                             "--report", directory.appendingPathComponent("report.json").path])
    }

    @Test func twoGiBOfWhitespaceConvertsInBoundedMemory() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("whitespace.zip")
        try HugeEntryZip.write(to: zip, small: Self.small, hugeName: "general/2023-11-14.json", prefix: "[" + Self.message + ",",
                               byte: UInt8(ascii: " "), mebibytes: 2048, suffix: Self.message.replacingOccurrences(of: "000100", with: "000200") + "]")
        let result = try convert(zip, in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.peakRSSMiB <= Self.peakLimitMiB, "peak RSS \(result.peakRSSMiB) MiB")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("report.json"))) as? [String: Any]
        #expect((report?["input"] as? [String: Any])?["messages"] as? Int == 2)
    }

    @Test func twoGiBOfOpeningBracketsIsRefusedInOneLine() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("brackets.zip")
        try HugeEntryZip.write(to: zip, small: Self.small, hugeName: "general/2023-11-14.json", prefix: "",
                               byte: UInt8(ascii: "["), mebibytes: 2048, suffix: "")
        let result = try convert(zip, in: directory)
        #expect(result.status != 0)
        #expect(result.peakRSSMiB <= Self.peakLimitMiB, "peak RSS \(result.peakRSSMiB) MiB")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("general/2023-11-14.json: malformed JSON at byte") && result.stderr.contains("nesting deeper"))
    }

    @Test func oneHugeElementIsRefusedAtTheLimit() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let zip = directory.appendingPathComponent("string.zip")
        try HugeEntryZip.write(to: zip, small: Self.small, hugeName: "general/2023-11-14.json", prefix: "[\"",
                               byte: UInt8(ascii: "x"), mebibytes: 2048, suffix: "\"]")
        let result = try convert(zip, in: directory)
        #expect(result.status != 0)
        #expect(result.peakRSSMiB <= Self.peakLimitMiB, "peak RSS \(result.peakRSSMiB) MiB")
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
        #expect(result.stderr.contains("larger than the limit of 64 MiB") && result.stderr.contains("--max-json-element-size"))
    }
}
