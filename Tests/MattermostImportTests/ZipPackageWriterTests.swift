import Foundation
import TestSupport
import Testing
@testable import MattermostImport

@Suite("ZipPackageWriter")
struct ZipPackageWriterTests {
    typealias Fixtures = ZipPackageFixtures

    static let lines = [
        #"{"type":"version","version":1}"#,
        #"{"type":"team","team":{"name":"ünïcode-team","display_name":"Équipe 🚀","type":"O"}}"#,
    ]

    /// Text large enough to span several 1 MiB chunks, with varied content so it deflates realistically.
    static func bigLines(count: Int) -> [String] {
        (0..<count).map { #"{"type":"post","post":{"message":"line \#($0) \#(String(repeating: "x", count: $0 % 97))"}}"# }
    }

    static let files: [(String, Data)] = [
        ("F1/report.txt", Data(String(repeating: "quarterly report\n", count: 5000).utf8)),
        ("F2/photo.PNG", Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) })),
        ("F3/empty.txt", Data()),
        ("F4/ünïcødé name.pdf", Data("%PDF-1.4 fake".utf8)),
    ]

    @Test(.enabled(if: ZipPackageFixtures.checkersPresent, "needs unzip and python3")) func packageRoundTripsThroughZIPFoundationUnzipAndPython() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("package.zip")
        let lines = Self.lines + Self.bigLines(count: 40_000)
        try Fixtures.writePackage(to: url, lines: lines, files: Self.files)

        let entries = try Fixtures.readWithZIPFoundation(url)
        #expect(entries.map(\.name) == ["import.jsonl"] + Self.files.map { "data/" + $0.0 })
        #expect(entries[0].data == Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(entries[0].data.count > 2 * PackageChunk.capacity)
        #expect(entries[0].compressed)
        for (entry, file) in zip(entries.dropFirst(), Self.files) { #expect(entry.data == file.1) }
        #expect(entries[1].compressed)          // .txt deflated
        #expect(!entries[2].compressed)         // .PNG stored
        #expect(!entries[4].compressed)         // .pdf stored

        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o644)
        do { let unzip = try Fixtures.unzipTest(url)
            #expect(unzip.status == 0, "\(unzip.output)")
        }
        do { let python = try Fixtures.pythonCheck(url)
            #expect(python.status == 0, "\(python.output)")
            #expect(python.output.split(separator: "\n").map(String.init) == entries.map(\.name) + ["OK"])
        }
        // UTF-8 flag, fixed 1980-01-01 time, mode 0644, made on Unix — for every entry.
        do { let fields = try Fixtures.pythonHeaderFields(url)
            #expect(fields == Array(repeating: "0x800 (1980, 1, 1, 0, 0, 0) 0o100644 3", count: entries.count))
        }
    }

    /// Entries of many sizes (0 bytes to 3 MiB) written in pieces of many sizes: chunk sharing, chunk
    /// boundaries and both storage methods must keep every byte in its entry.
    @Test(.enabled(if: ZipPackageFixtures.checkersPresent, "needs unzip and python3")) func entriesOfManySizesRoundTrip() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("sizes.zip")
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        let base = Data((0..<((3 << 20) + 1000)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) })
        var expected: [(String, Data)] = []
        let writer = try ImportPackageWriter(destination: url)
        try writer.writeJSONLLine(#"{"type":"version","version":1}"#)
        for index in 0..<150 {
            let size = [0, 1, next(5000), next(70_000), next(1 << 20), (1 << 20) + next(2 << 20)][next(6)]
            let start = index % 997
            let data = base.subdata(in: start..<(start + size))
            let name = "F\(index)/" + (index % 3 == 0 ? "image.png" : "notes.txt")
            try writer.addFile(at: name, size: Int64(size)) { write in
                var offset = 0
                while offset < size {
                    let piece = min(size - offset, 1 + next(300_000))
                    try data[offset..<(offset + piece)].withUnsafeBytes { try write($0) }
                    offset += piece
                }
            }
            expected.append(("data/" + name, data))
        }
        try writer.finish()
        let entries = try Fixtures.readWithZIPFoundation(url)
        #expect(entries.count == expected.count + 1)
        for (entry, file) in zip(entries.dropFirst(), expected) {
            #expect(entry.name == file.0)
            #expect(entry.data == file.1, "\(file.0)")
        }
        do { let unzip = try Fixtures.unzipTest(url); #expect(unzip.status == 0) }
    }

    @Test func sameCallsGiveByteIdenticalPackages() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = root.appendingPathComponent("a.zip")
        let second = root.appendingPathComponent("b.zip")
        let lines = Self.lines + Self.bigLines(count: 20_000)
        try Fixtures.writePackage(to: first, lines: lines, files: Self.files)
        try Fixtures.writePackage(to: second, lines: lines, files: Self.files)
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }

    @Test(.enabled(if: ZipPackageFixtures.checkersPresent, "needs unzip and python3")) func zip64RecordsAreReadableEverywhere() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("zip64.zip")
        // Lowered limits: every size/offset ≥ 1000 and any count ≥ 3 takes the ZIP64 path, including the
        // local-header patch after the header left the write buffer (the JSONL entry is > 2 MiB).
        let lines = Self.lines + Self.bigLines(count: 60_000)
        try Fixtures.writePackage(to: url, lines: lines, files: Self.files, zip64Limit: 1000, zip64CountLimit: 3)

        let bytes = try Data(contentsOf: url)
        #expect(bytes.firstRange(of: Data([0x50, 0x4b, 0x06, 0x06])) != nil, "ZIP64 end record present")
        #expect(bytes.firstRange(of: Data([0x50, 0x4b, 0x06, 0x07])) != nil, "ZIP64 locator present")
        let entries = try Fixtures.readWithZIPFoundation(url)
        #expect(entries.map(\.name) == ["import.jsonl"] + Self.files.map { "data/" + $0.0 })
        #expect(entries[0].data == Data((lines.joined(separator: "\n") + "\n").utf8))
        for (entry, file) in zip(entries.dropFirst(), Self.files) { #expect(entry.data == file.1) }
        do { let unzip = try Fixtures.unzipTest(url); #expect(unzip.status == 0, "\(unzip.output)") }
        do { let python = try Fixtures.pythonCheck(url)
            #expect(python.status == 0, "\(python.output)")
            #expect(python.output.hasSuffix("OK\n"))
        }
    }

    @Test(.enabled(if: ZipPackageFixtures.checkersPresent, "needs unzip and python3")) func moreThan65535EntriesUseZIP64EndRecords() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("many.zip")
        let count = 66_000
        let writer = try ImportPackageWriter(destination: url)
        try writer.writeJSONLLine(#"{"type":"version","version":1}"#)
        for index in 0..<count {
            let text = Data("file \(index)".utf8)
            try writer.addFile(at: "f/\(index).txt", size: Int64(text.count)) { write in try text.withUnsafeBytes { try write($0) } }
        }
        try writer.finish()
        #expect(writer.fileCount == count)

        let bytes = try Data(contentsOf: url)
        let eocd = bytes.suffix(22)
        #expect(eocd.prefix(4) == Data([0x50, 0x4b, 0x05, 0x06]))
        #expect(eocd.dropFirst(10).prefix(2) == Data([0xFF, 0xFF]), "entry count overflows to 0xFFFF")
        #expect(bytes.suffix(22 + 20).prefix(4) == Data([0x50, 0x4b, 0x06, 0x07]), "locator before EOCD")
        do { let python = try Fixtures.pythonCheck(url)
            #expect(python.status == 0, "\(python.output.suffix(300))")
            let names = python.output.split(separator: "\n")
            #expect(names.count == count + 2)
            #expect(names.first == "import.jsonl")
            #expect(names.last == "OK")
        }
        do { let unzip = try Fixtures.unzipTest(url)
            #expect(unzip.status == 0, "\(unzip.output.suffix(300))")
        }
    }

    @Test func namesAreNFCAndPrefixedWithData() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("nfc.zip")
        let writer = try ImportPackageWriter(destination: url)
        let name = try writer.addFile(at: "F1/re\u{301}sume\u{301}.txt", size: 2) { write in
            try Data("ok".utf8).withUnsafeBytes { try write($0) }
        }
        #expect(Array(name.unicodeScalars) == Array("data/F1/r\u{E9}sum\u{E9}.txt".unicodeScalars))
        // The NFC form of the same name is a duplicate.
        let duplicate = #expect(throws: ArchiveError.self) {
            try writer.addFile(at: "F1/r\u{E9}sum\u{E9}.txt", size: 0) { _ in }
        }
        #expect(duplicate?.kind == .duplicatePath)
        try writer.finish()
        let entries = try Fixtures.readWithZIPFoundation(url)
        #expect(entries.map { Array($0.name.unicodeScalars) } == [Array("import.jsonl".unicodeScalars),
                                                                   Array("data/F1/r\u{E9}sum\u{E9}.txt".unicodeScalars)])
        #expect(entries[0].data.isEmpty)
    }

    @Test(arguments: ["../escape.txt", "a/../../escape.txt", "/etc/passwd", "a\\..\\b.txt", "", "a//b.txt", "./a.txt", "a/.", "tab\t.txt"])
    func unsafePathsAreRefused(path: String) throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try ImportPackageWriter(destination: root.appendingPathComponent("p.zip"))
        let error = #expect(throws: ArchiveError.self) { try writer.addFile(at: path, size: 0) { _ in } }
        #expect(error?.kind == .invalidPath)
        writer.abort()
    }

    @Test func namesBeyondTheZipLimitAreRefused() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try ImportPackageWriter(destination: root.appendingPathComponent("long.zip"))
        let tooLong = #expect(throws: ArchiveError.self) {
            try writer.addFile(at: String(repeating: "x", count: 65_531), size: 0) { _ in }
        }
        #expect(tooLong?.kind == .invalidPath)
        #expect(try writer.addFile(at: String(repeating: "x", count: 65_530), size: 0) { _ in }.utf8.count == 65_535)
        try writer.finish()
        #expect(try Fixtures.readWithZIPFoundation(root.appendingPathComponent("long.zip")).count == 2)
    }

    @Test func abortLeavesNothingBehind() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("aborted.zip")
        let writer = try ImportPackageWriter(destination: url)
        for line in Self.bigLines(count: 30_000) { try writer.writeJSONLLine(line) }
        #expect(FileManager.default.fileExists(atPath: writer.temporaryURL.path))
        writer.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        #expect(throws: ArchiveError.self) { try writer.writeJSONLLine("{}") }
    }

    @Test func droppingAnUnfinishedWriterAborts() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let writer = try ImportPackageWriter(destination: root.appendingPathComponent("dropped.zip"))
            try writer.writeJSONLLine(#"{"type":"version","version":1}"#)
            try writer.addFile(at: "a.txt", size: 1) { write in try Data("a".utf8).withUnsafeBytes { try write($0) } }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func misuseIsRefusedWithClearErrors() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let writer = try ImportPackageWriter(destination: root.appendingPathComponent("misuse.zip"))
        let newline = #expect(throws: ArchiveError.self) { try writer.writeJSONLLine("{}\n{}") }
        #expect(newline?.kind == .invalidLine)
        let empty = #expect(throws: ArchiveError.self) { try writer.writeJSONLLine("") }
        #expect(empty?.kind == .invalidLine)
        try writer.writeJSONLLine(Array(#"x{"type":"version","version":1}"#.utf8).dropFirst())
        try writer.addFile(at: "a.txt", size: nil) { write in try Data("a".utf8).withUnsafeBytes { try write($0) } }
        let late = #expect(throws: ArchiveError.self) { try writer.writeJSONLLine("{}") }
        #expect(late?.kind == .wrongState)
        #expect(late?.description.hasPrefix("misuse.zip: ") == true)
        let mismatch = #expect(throws: ArchiveError.self) {
            try writer.addFile(at: "b.txt", size: 5) { write in try Data("b".utf8).withUnsafeBytes { try write($0) } }
        }
        #expect(mismatch?.kind == .sizeMismatch)
        #expect(throws: ArchiveError.self) { try writer.finish() }
        writer.abort()
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    }

    @Test func everyLineOverloadWritesTheSameBytes() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("overloads.zip")
        let line = #"{"type":"version","version":1}"#
        let writer = try ImportPackageWriter(destination: url)
        try writer.writeJSONLLine(line)
        try writer.writeJSONLLine(Array(line.utf8))
        try writer.writeJSONLLine(Data(line.utf8))
        try writer.writeJSONLLine(Array(("x" + line).utf8).dropFirst())
        try writer.writeJSONLLine(line.utf8)
        try Array(line.utf8).withUnsafeBytes { try writer.writeJSONLLine($0) }
        #expect(writer.jsonlLineCount == 6)
        try writer.finish()
        let entries = try Fixtures.readWithZIPFoundation(url)
        #expect(entries.map(\.name) == ["import.jsonl"])
        #expect(entries[0].data == Data(String(repeating: line + "\n", count: 6).utf8))
    }

    @Test func copyingFromAFileStreamsIt() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = root.appendingPathComponent("source.bin")
        let contents = Data((0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 / 7) })
        try contents.write(to: source)
        let url = root.appendingPathComponent("copy.zip")
        let writer = try ImportPackageWriter(destination: url, compressionLevel: 6)
        try writer.writeJSONLLine(#"{"type":"version","version":1}"#)
        #expect(try writer.addFile(at: "F9/source.bin", copyingFrom: source) == "data/F9/source.bin")
        try writer.finish()
        let entries = try Fixtures.readWithZIPFoundation(url)
        #expect(entries.last?.data == contents)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["copy.zip", "source.bin"])
    }

    @Test func missingDestinationFolderIsAnIOError() throws {
        let error = #expect(throws: ArchiveError.self) {
            _ = try ImportPackageWriter(destination: URL(fileURLWithPath: "/nonexistent-folder/out.zip"))
        }
        #expect(error?.kind == .io)
        #expect(error?.description.hasPrefix("out.zip: cannot create") == true)
    }
}
