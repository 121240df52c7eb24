import Foundation
import MattermostImport
import Testing
import TestSupport
@testable import MigrationCore

/// The exporter's encoding thread: lines arrive in order, whatever the batching; the writer's error
/// reaches the caller; a cancelled run stops without writing the rest.
@Suite struct ImportLineEncoderTests {
    private func post(_ index: Int, replies: Int = 0, text: String = "") -> ImportLine {
        var post = PostImport(team: "t", channel: "c", user: "u", message: "post \(index) \(text)", createAt: Int64(index + 1))
        if replies > 0 {
            post.replies = (0..<replies).map { reply in
                var line = ReplyImport()
                line.user = "u"
                line.message = "reply \(reply)"
                line.createAt = Int64(index + 2 + reply)
                return line
            }
        }
        return .post(post)
    }

    @Test func linesArriveInOrderAcrossBatches() throws {
        let url = TemporaryDirectory.root.appendingPathComponent("encoder-\(UUID().uuidString).zip")
        defer { try? FileManager.default.removeItem(at: url) }
        let output = try ImportPackageWriter(destination: url)
        let encoder = ImportLineEncoder(output: output)
        // Large lines too, so several batches wait in the bounded queue.
        let big = String(repeating: "x", count: 50_000)
        let lines = (0..<3_000).map { post($0, replies: $0 % 97 == 0 ? 200 : 0, text: $0 % 13 == 0 ? big : "") }
        for (index, line) in lines.enumerated() {
            try encoder.emit(line, approximateBytes: 512 * (index % 97 == 0 ? 201 : 1) + (index % 13 == 0 ? big.utf8.count : 0))
        }
        try encoder.finish()
        try output.finish()
        let written = try PackageExporterTests.readJSONL(url).split(separator: "\n").map(String.init)
        var expected = JSONWriter(reservingCapacity: 1024)
        let encoded = lines.map { line -> String in
            expected.reset()
            line.write(to: &expected)
            return String(decoding: expected.bytes, as: UTF8.self)
        }
        #expect(written.count == lines.count)
        #expect(written == encoded)
    }

    @Test func theWritersErrorReachesTheCaller() throws {
        let url = TemporaryDirectory.root.appendingPathComponent("encoder-\(UUID().uuidString).zip")
        let output = try ImportPackageWriter(destination: url)
        // A file closes import.jsonl: every later line is refused by the writer, on the encoder's thread.
        try output.addFile(at: "F1/a.txt", size: 1) { write in try [UInt8(65)].withUnsafeBytes { try write($0) } }
        let encoder = ImportLineEncoder(output: output)
        #expect(throws: ArchiveError.self) {
            for index in 0..<10_000 { try encoder.emit(post(index)) }
            try encoder.finish()
        }
        encoder.cancel()
        output.abort()
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }

    @Test func cancelStopsWithoutWritingTheRest() throws {
        let url = TemporaryDirectory.root.appendingPathComponent("encoder-\(UUID().uuidString).zip")
        let output = try ImportPackageWriter(destination: url)
        let encoder = ImportLineEncoder(output: output)
        for index in 0..<5_000 { try encoder.emit(post(index, text: String(repeating: "y", count: 1_000))) }
        encoder.cancel()
        output.abort()
        #expect(!FileManager.default.fileExists(atPath: url.path))
    }
}
