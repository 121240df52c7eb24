import Foundation
import Testing
@testable import MattermostImport

@Suite("ZipPackageReader")
struct ZipPackageReaderTests {
    typealias Fixtures = ZipPackageFixtures

    @Test func readsWhatTheWriterWrote() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("package.zip")
        let lines = (0..<30_000).map { #"{"type":"post","post":{"message":"m\#($0)"}}"# }
        let files = [("F1/a.txt", Data("alpha".utf8)), ("F2/b.png", Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) }))]
        try Fixtures.writePackage(to: url, lines: lines, files: files)

        let reader = try ZipFileReader(url: url)
        #expect(reader.entries.map(\.name) == ["import.jsonl", "data/F1/a.txt", "data/F2/b.png"])
        var jsonl = Data()
        try reader.read(reader.entries[0]) { jsonl.append(contentsOf: $0) }
        #expect(jsonl == Data((lines.joined(separator: "\n") + "\n").utf8))
        for (entry, file) in zip(reader.entries.dropFirst(), files) {
            var data = Data()
            try reader.read(entry) { data.append(contentsOf: $0) }
            #expect(data == file.1)
            #expect(entry.uncompressedSize == UInt64(file.1.count))
        }
    }

    /// Inflaters go back to a shared pool; one given back mid-entry (its input half read) must read the
    /// next entry whole.
    @Test func anInflaterGivenBackMidEntryReadsTheNextEntryWhole() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("package.zip")
        let lines = (0..<30_000).map { #"{"type":"post","post":{"message":"m\#($0) \#($0 &* 7919)"}}"# }
        try Fixtures.writePackage(to: url, lines: lines, files: [("F1/a.txt", Data("alpha".utf8))])
        let reader = try ZipFileReader(url: url)
        struct Stop: Error {}
        for _ in 0..<3 {
            #expect(throws: Stop.self) { try reader.read(reader.entries[0]) { _ in throw Stop() } }
            var jsonl = Data()
            try reader.read(reader.entries[0]) { jsonl.append(contentsOf: $0) }
            #expect(jsonl == Data((lines.joined(separator: "\n") + "\n").utf8))
            var file = Data()
            try reader.read(reader.entries[1]) { file.append(contentsOf: $0) }
            #expect(file == Data("alpha".utf8))
        }
    }

    /// A deflate stream cut short by the end of the file (a stored block claiming 65,535 bytes): ZIPFoundation
    /// 0.9.20 loops forever on this on Linux; the reader must report it.
    @Test func truncatedDeflateStreamIsAnErrorNotAHang() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("cut.zip")
        let name = Array("import.jsonl".utf8)
        let data: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array(#"{"type":"version""#.utf8)
        var bytes = ByteWriter(capacity: 200)
        bytes.u32(0x0403_4b50); bytes.u16(20); bytes.u16(0x800); bytes.u16(8); bytes.u16(0); bytes.u16(0x21)
        bytes.u32(0); bytes.u32(UInt32(data.count)); bytes.u32(100); bytes.u16(UInt16(name.count)); bytes.u16(0)
        bytes.append(name)
        bytes.append(data)
        let directoryOffset = UInt32(bytes.bytes.count)
        bytes.u32(0x0201_4b50); bytes.u16(20); bytes.u16(20); bytes.u16(0x800); bytes.u16(8); bytes.u16(0); bytes.u16(0x21)
        bytes.u32(0); bytes.u32(UInt32(data.count)); bytes.u32(100); bytes.u16(UInt16(name.count))
        bytes.u16(0); bytes.u16(0); bytes.u16(0); bytes.u16(0); bytes.u32(0); bytes.u32(0)
        bytes.append(name)
        let directorySize = UInt32(bytes.bytes.count) - directoryOffset
        bytes.u32(0x0605_4b50); bytes.u16(0); bytes.u16(0); bytes.u16(1); bytes.u16(1)
        bytes.u32(directorySize); bytes.u32(directoryOffset); bytes.u16(0)
        try Data(bytes.bytes).write(to: url)

        let reader = try ZipFileReader(url: url)
        let error = #expect(throws: ArchiveError.self) { try reader.read(reader.entries[0]) { _ in } }
        #expect(error?.kind == .corruptEntry)
        #expect(error?.description.hasPrefix("cut.zip: import.jsonl: ") == true)
        // The validator reads packages through the same reader: an error, not a hang.
        #expect(throws: ValidationInputError.self) { _ = try PackageValidator().validate(packageAt: url) }
    }

    @Test func missingAndNonZipFilesAreNamed() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let missing = #expect(throws: ArchiveError.self) { try ZipFileReader(url: root.appendingPathComponent("none.zip")) }
        #expect(missing?.kind == .inputNotFound)
        let text = root.appendingPathComponent("text.zip")
        try Data("just text, not a zip".utf8).write(to: text)
        let notZip = #expect(throws: ArchiveError.self) { try ZipFileReader(url: text) }
        #expect(notZip?.kind == .notAZipArchive)
        #expect(notZip?.description.hasPrefix("text.zip: not a zip archive") == true)
    }
}
