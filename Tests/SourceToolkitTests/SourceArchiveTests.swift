import Foundation
import Testing
@testable import SourceToolkit
@testable import MattermostImport
import TestSupport
import ZIPFoundation

@Suite("SourceArchive")
struct SourceArchiveTests {
    typealias Fixtures = SourceArchiveFixtures

    static let exportFiles: [String: Data] = {
        var files: [String: Data] = [
            "users.json": Data(#"[{"id":"U1"}]"#.utf8),
            "channels.json": Data(#"[{"id":"C1","name":"general"}]"#.utf8),
            "general/2024-01-01.json": Data(#"[{"ts":"1.0","text":"hello"}]"#.utf8),
            "general/2024-01-02.json": Data("[]".utf8),
            "random/2024-01-01.json": Data(#"[{"ts":"2.0"}]"#.utf8),
        ]
        // Large enough to need several inflate chunks.
        files["__uploads/F1/big.txt"] = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
        return files
    }()

    /// A wrapped export (`export/…`) plus macOS junk, zipped with the `zip` CLI.
    func makeWrappedZip(in root: URL) throws -> URL {
        let tree = root.appendingPathComponent("tree")
        var files: [String: Data] = [:]
        for (path, data) in Self.exportFiles { files["export/" + path] = data }
        files["__MACOSX/export/._users.json"] = Data([0, 5, 22, 7])
        files["export/._channels.json"] = Data([0, 5, 22, 7])
        try Fixtures.writeTree(files, at: tree)
        let zip = root.appendingPathComponent("export.zip")
        try Fixtures.zipFolder(tree, to: zip)
        return zip
    }

    func contents(of archive: SourceArchive) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for entry in try archive.allEntries() { result[entry.path] = try archive.readAll(entry) }
        return result
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func wrappedZipIsStrippedAndMacOSFilesSkipped() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try SourceArchive(url: try makeWrappedZip(in: root), rootMarkers: ["users.json", "channels.json"])

        #expect(archive.kind == .zip)
        #expect(archive.strippedPrefix == "export/")
        #expect(try archive.allEntries().map(\.path) == Self.exportFiles.keys.sorted())
        #expect(try contents(of: archive) == Self.exportFiles)
        #expect(try Set(archive.skippedEntries().map(\.storedName)) == ["__MACOSX/export/._users.json", "export/._channels.json"])
        #expect(try archive.skippedEntries().allSatisfy { $0.reason == .macOSMetadata })
        #expect(try archive.entries(under: "general").map(\.path) == ["general/2024-01-01.json", "general/2024-01-02.json"])
        #expect(try archive.entries(under: "general/").count == 2)
        #expect(try archive.entries(under: "gen").isEmpty)
        #expect(try archive.entry(at: "users.json")?.uncompressedSize == UInt64(Self.exportFiles["users.json"]!.count))
        #expect(try archive.entry(at: "export/users.json") == nil)
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func withoutMarkersTheWrapperIsKept() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try SourceArchive(url: try makeWrappedZip(in: root))
        #expect(archive.strippedPrefix == "")
        #expect(try archive.entry(at: "export/users.json") != nil)
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func directoryInputEqualsZipInput() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let zipped = try SourceArchive(url: try makeWrappedZip(in: root), rootMarkers: ["users.json"])
        let folder = try SourceArchive(url: root.appendingPathComponent("tree"), rootMarkers: ["users.json"])

        #expect(folder.kind == .directory)
        #expect(try folder.allEntries().map(\.path) == zipped.allEntries().map(\.path))
        #expect(try folder.allEntries().map(\.uncompressedSize) == zipped.allEntries().map(\.uncompressedSize))
        #expect(try contents(of: folder) == contents(of: zipped))
        #expect(try Set(folder.skippedEntries().map(\.storedName)) == Set(zipped.skippedEntries().map(\.storedName)))
    }

    @Test func symlinkedExportFolderIsListed() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try Fixtures.writeTree(Self.exportFiles, at: root.appendingPathComponent("real"))
        let link = root.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: root.appendingPathComponent("real"))
        let archive = try SourceArchive(url: link, rootMarkers: ["users.json"])
        #expect(try contents(of: archive) == Self.exportFiles)
    }

    @Test func namesWithoutUTF8FlagFallBackToCP437AndAreNFC() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("names.zip")
        try Fixtures.handBuiltZip([
            // "café.txt" in code page 437 (é = 0x82), no UTF-8 flag.
            .init(name: Array("caf".utf8) + [0x82] + Array(".txt".utf8), data: Array("cp437".utf8)),
            // UTF-8 bytes without the flag (what many zip tools write).
            .init(name: Array("überall.txt".utf8), data: Array("utf8".utf8)),
            // NFD name with the flag: e + combining acute.
            .init(name: Array("re\u{301}sume\u{301}.txt".utf8), data: Array("nfd".utf8), flags: 1 << 11),
        ]).write(to: url)
        let archive = try SourceArchive(url: url)
        #expect(try archive.allEntries().map(\.path) == ["café.txt", "résumé.txt", "überall.txt"])
        #expect(try archive.readAll(archive.entry(at: "café.txt")!) == Data("cp437".utf8))
        #expect(try archive.readAll(archive.entry(at: "re\u{301}sume\u{301}.txt")!) == Data("nfd".utf8))
        #expect(try archive.entry(at: "résumé.txt")!.path.unicodeScalars.count == "résumé.txt".unicodeScalars.count)
    }

    /// Plain ASCII names already in normal form take a byte-level shortcut; every other shape goes the
    /// general way. Both must give the same answers.
    @Test func entryNamesAreNormalisedOrRefused() {
        let cases: [(String, SourceEntryPath.Outcome)] = [
            ("general/2020-01-01.json", .file("general/2020-01-01.json")),
            ("users.json", .file("users.json")),
            ("x/..y.json", .file("x/..y.json")),
            ("x/.y", .file("x/.y")),
            ("a//b.json", .file("a/b.json")),
            ("./a/./b.json", .file("a/b.json")),
            ("a\\b.json", .file("a/b.json")),
            ("re\u{301}sume\u{301}/x.json", .file("résumé/x.json")),
            ("a/b/", .directory),
            ("", .directory),
            ("__MACOSX", .skipped(.macOSMetadata)),
            ("__MACOSX/x/y.json", .skipped(.macOSMetadata)),
            ("x/._y.json", .skipped(.macOSMetadata)),
            (".DS_Store", .skipped(.macOSMetadata)),
            ("../evil.txt", .unsafe),
            ("a/..", .unsafe),
            ("/etc/passwd", .unsafe),
            ("C:/evil.txt", .unsafe),
            ("c:evil.txt", .unsafe),
        ]
        for (name, expected) in cases {
            #expect(SourceEntryPath.classify(name, isDirectory: false) == expected, "\(name)")
        }
        #expect(SourceEntryPath.classify("a/b", isDirectory: true) == .directory)
    }

    @Test(arguments: ["../evil.txt", "a/../../evil.txt", "/etc/passwd", "..\\evil.txt", "C:/evil.txt"])
    func zipSlipEntriesAreRefused(name: String) throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("slip.zip")
        try Fixtures.handBuiltZip([
            .init(name: Array("users.json".utf8), data: Array("[]".utf8)),
            .init(name: Array(name.utf8), data: Array("x".utf8)),
        ]).write(to: url)
        let error = #expect(throws: ArchiveError.self) { try SourceArchive(url: url) }
        #expect(error?.kind == .unsafeEntryPath)
        #expect(error?.entry == name)
        #expect(error?.description.hasPrefix("slip.zip: \(name): ") == true)
    }

    @Test func symlinksDuplicatesAndDirectoriesAreNotOffered() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("odd.zip")
        try Fixtures.handBuiltZip([
            .init(name: Array("users.json".utf8), data: Array("[]".utf8), unixMode: 0o100644),
            .init(name: Array("link.json".utf8), data: Array("/etc/passwd".utf8), unixMode: 0o120777),
            .init(name: Array("general/".utf8), data: [], unixMode: 0o040755),
            .init(name: Array("./users.json".utf8), data: Array("second".utf8)),
        ]).write(to: url)
        let archive = try SourceArchive(url: url)
        #expect(try archive.allEntries().map(\.path) == ["users.json"])
        #expect(try archive.readAll(archive.allEntries()[0]) == Data("[]".utf8))
        #expect(try archive.skippedEntries() == [
            .init(storedName: "link.json", reason: .symbolicLink),
            .init(storedName: "./users.json", reason: .duplicatePath),
        ])
    }

    @Test func encryptedEntriesAreRefusedWhenRead() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("secret.zip")
        try Fixtures.handBuiltZip([.init(name: Array("users.json".utf8), data: Array("xx".utf8), flags: 1)]).write(to: url)
        let archive = try SourceArchive(url: url)
        let error = #expect(throws: ArchiveError.self) { try archive.readAll(archive.allEntries()[0]) }
        #expect(error?.kind == .unsupportedEntry)
        #expect(error?.description.hasPrefix("secret.zip: users.json: entry is encrypted") == true)
    }

    @Test func missingInputNamesTheFile() throws {
        let error = #expect(throws: ArchiveError.self) {
            try SourceArchive(url: URL(fileURLWithPath: "/nonexistent/export.zip"))
        }
        #expect(error?.kind == .inputNotFound)
        #expect(error?.description.hasPrefix("export.zip: ") == true)
    }

    @Test func notAZipIsReported() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("random.zip")
        try Data((0..<5000).map { UInt8(truncatingIfNeeded: $0 * 31) }).write(to: url)
        let error = #expect(throws: ArchiveError.self) { try SourceArchive(url: url) }
        #expect(error?.kind == .notAZipArchive)
        #expect(error?.description.hasPrefix("random.zip: not a zip archive") == true)
    }

    @Test func crcMismatchNamesArchiveAndEntry() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("export.zip")
        try Fixtures.handBuiltZip([
            .init(name: Array("channels/general/2024-01-01.json".utf8), data: Array("[]".utf8), crcOverride: 1234),
        ]).write(to: url)
        let archive = try SourceArchive(url: url)
        let error = #expect(throws: ArchiveError.self) { try archive.readAll(archive.allEntries()[0]) }
        #expect(error?.kind == .corruptEntry)
        #expect(error?.description.hasPrefix("export.zip: channels/general/2024-01-01.json: CRC mismatch") == true)
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func truncatedZipIsReportedNotHung() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let zip = try makeWrappedZip(in: root)
        let bytes = try Data(contentsOf: zip)
        // Keep the central directory but zero part of the big entry's compressed data (after its local header).
        var damaged = bytes
        let nameRange = try #require(bytes.firstRange(of: Data("big.txt".utf8)))
        let start = nameRange.upperBound + 64
        for i in start..<(start + 200) { damaged[i] = 0 }
        let damagedURL = root.appendingPathComponent("damaged.zip")
        try damaged.write(to: damagedURL)
        let archive = try SourceArchive(url: damagedURL, rootMarkers: ["users.json"])
        let error = #expect(throws: ArchiveError.self) { _ = try contents(of: archive) }
        #expect(error?.kind == .corruptEntry || error?.kind == .damagedArchive)

        let cutURL = root.appendingPathComponent("cut.zip")
        try bytes.prefix(bytes.count / 2).write(to: cutURL)
        let cutError = #expect(throws: ArchiveError.self) { try SourceArchive(url: cutURL) }
        #expect(cutError?.kind == .notAZipArchive)
    }

    /// Damaged archives (random bytes changed, including ZIP64 offsets near 2^64) end in a
    /// `ArchiveError` or in correct reads — never a crash, a hang or other error types.
    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func randomlyDamagedArchivesFailCleanly() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = root.appendingPathComponent("tree")
        try Fixtures.writeTree(["users.json": Data("[1,2,3]".utf8), "a/b.json": Data(String(repeating: "ab", count: 3000).utf8)], at: tree)
        let original = root.appendingPathComponent("zip64.zip")
        try Fixtures.zipFolder(tree, to: original, extraArguments: ["-fz"])
        let bytes = try Data(contentsOf: original)
        var seed: UInt64 = 7
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33) % bound
        }
        var outcomes = [0, 0]
        for round in 0..<400 {
            var damaged = bytes
            // Mostly the directory and end records (the last ~40%), sometimes anywhere.
            for _ in 0..<(1 + next(4)) {
                let position = round % 4 == 0 ? next(damaged.count) : damaged.count - 1 - next(damaged.count * 2 / 5)
                damaged[position] = round % 3 == 0 ? 0xFF : UInt8(next(256))
            }
            let url = root.appendingPathComponent("damaged-\(round).zip")
            try damaged.write(to: url)
            do {
                let archive = try SourceArchive(url: url)
                for entry in try archive.allEntries() { _ = try archive.readAll(entry) }
                outcomes[0] += 1
            } catch is ArchiveError {
                outcomes[1] += 1
            }
            try FileManager.default.removeItem(at: url)
        }
        #expect(outcomes[1] > 100, "most damage is detected: \(outcomes)")
    }

    @Test(arguments: [UInt64.max, UInt64.max - 20, UInt64(Int64.max) + 1, 1 << 40])
    func offsetsBeyondTheFileAreDamageNotACrash(offset: UInt64) throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("offset.zip")
        try Fixtures.handBuiltZip([.init(name: Array("users.json".utf8), data: Array("[]".utf8), zip64OffsetOverride: offset)]).write(to: url)
        let archive = try SourceArchive(url: url)
        let error = #expect(throws: ArchiveError.self) { try archive.readAll(archive.allEntries()[0]) }
        #expect(error?.kind == .damagedArchive)
        #expect(error?.description.hasPrefix("offset.zip: users.json: ") == true)
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func zip64ArchivesFromTheZipToolAreRead() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let tree = root.appendingPathComponent("tree")
        try Fixtures.writeTree(Self.exportFiles, at: tree)
        let zip = root.appendingPathComponent("zip64.zip")
        // `-fz` forces ZIP64 structures (extra fields in headers).
        try Fixtures.zipFolder(tree, to: zip, extraArguments: ["-fz"])
        let archive = try SourceArchive(url: zip)
        #expect(try contents(of: archive) == Self.exportFiles)
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func concurrentReadsReturnTheRightBytes() async throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try SourceArchive(url: try makeWrappedZip(in: root), rootMarkers: ["users.json"])
        let entries = try archive.allEntries()
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var bad = 0
                    for round in 0..<50 {
                        let entry = entries[(round + worker) % entries.count]
                        let reader = archive.makeIndependentReader()
                        if (try? reader.readAll(entry)) != Self.exportFiles[entry.path] { bad += 1 }
                    }
                    return bad
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test(.enabled(if: ExternalTool.exists("zip"), "needs the zip CLI")) func readingStreamsInChunks() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let archive = try SourceArchive(url: try makeWrappedZip(in: root), rootMarkers: ["users.json"])
        var chunks = 0
        var largest = 0
        var data = Data()
        try archive.read(archive.entry(at: "__uploads/F1/big.txt")!) { chunk in
            chunks += 1
            largest = max(largest, chunk.count)
            data.append(contentsOf: chunk)
        }
        #expect(chunks > 1)
        #expect(largest <= 64 * 1024)
        #expect(data == Self.exportFiles["__uploads/F1/big.txt"])
    }
}

/// `SourceArchive` reading packages from `ImportPackageWriter`: both ZIP64 paths (sizes/offsets in extra
/// fields, and the ZIP64 end record for ≥ 65,535 entries).
@Suite("SourceArchive reads ZIP64 packages")
struct SourceArchiveZIP64Tests {
    @Test func zip64ExtraFieldsAndEndRecords() throws {
        let root = try SourceArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("zip64.zip")
        let lines = (0..<50_000).map { #"{"type":"post","post":{"message":"message \#($0)"}}"# }
        let files = (0..<5).map { ("F\($0)/file.txt", Data(String(repeating: "attachment \($0)\n", count: 2000).utf8)) }
        // Every size/offset ≥ 1000 and every count ≥ 3 is written as ZIP64.
        let writer = try ImportPackageWriter(destination: url, compressionLevel: 1, zip64Limit: 1000, zip64CountLimit: 3)
        for line in lines { try writer.writeJSONLLine(line) }
        for (path, data) in files {
            try writer.addFile(at: path, size: Int64(data.count)) { write in try data.withUnsafeBytes { try write($0) } }
        }
        try writer.finish()

        let archive = try SourceArchive(url: url)
        #expect(try archive.allEntries().map(\.path) == ["data/F0/file.txt", "data/F1/file.txt", "data/F2/file.txt",
                                                    "data/F3/file.txt", "data/F4/file.txt", "import.jsonl"])
        #expect(try archive.readAll(archive.entry(at: "import.jsonl")!) == Data((lines.joined(separator: "\n") + "\n").utf8))
        for (path, data) in files { #expect(try archive.readAll(archive.entry(at: "data/" + path)!) == data) }
    }

    @Test func moreThan65535Entries() throws {
        let root = try SourceArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("many.zip")
        let count = 65_600
        let writer = try ImportPackageWriter(destination: url)
        for index in 0..<count {
            let text = Data("\(index)".utf8)
            try writer.addFile(at: "d/\(index).json", size: Int64(text.count)) { write in try text.withUnsafeBytes { try write($0) } }
        }
        try writer.finish()
        let archive = try SourceArchive(url: url)
        #expect(try archive.allEntries().count == count + 1)
        #expect(try archive.entries(under: "data/d").count == count)
        #expect(try archive.readAll(archive.entry(at: "data/d/65599.json")!) == Data("65599".utf8))
    }
}

/// A real > 4 GiB import.jsonl (opt-in: set MATTERMOVE_BIG_ZIP64_TEST=1; writes a few MB, inflates 4.3 GB):
/// no 32-bit size anywhere, read back by `SourceArchive` with its CRC check and by `unzip -t`.
@Suite("Package over 4 GiB")
struct SourceArchiveOver4GiBTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MATTERMOVE_BIG_ZIP64_TEST"] == "1",
                   "opt-in: set MATTERMOVE_BIG_ZIP64_TEST=1 to write and check a 4.3 GB import.jsonl"))
    func jsonlOver4GiBRoundTrips() throws {
        let root = try SourceArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("big.zip")
        let line = Array(#"{"type":"post","post":{"team":"t","channel":"c","user":"u","message":"\#(String(repeating: "lorem ipsum ", count: 20))","create_at":1}}"#.utf8)
        let target: UInt64 = (1 << 32) + (300 << 20)
        var written: UInt64 = 0
        let writer = try ImportPackageWriter(destination: url)
        while written < target {
            try writer.writeJSONLLine(line)
            written += UInt64(line.count + 1)
        }
        try writer.addFile(at: "after/4gib.txt", size: 5) { write in try Data("after".utf8).withUnsafeBytes { try write($0) } }
        try writer.finish()

        let archive = try SourceArchive(url: url)
        let jsonl = try #require(try archive.entry(at: "import.jsonl"))
        #expect(jsonl.uncompressedSize == written)
        var total: UInt64 = 0
        try archive.read(jsonl) { total += UInt64($0.count) }  // CRC and size checked by read
        #expect(total == written)
        #expect(try archive.readAll(archive.entry(at: "data/after/4gib.txt")!) == Data("after".utf8))
        #expect(try ExternalTool.run("unzip", ["-tq", url.path]).status == 0)
    }
}

/// The real Slack export fixture (../shared, read in place): same files and bytes as ZIPFoundation sees.
@Suite("SourceArchive on the shared Slack fixture")
struct SourceArchiveFixtureTests {
    static let fixturePath = "slack/slack-export-viewer-testarchive.zip"
    static let fixture = SharedFixtures.url(fixturePath)

    @Test(.enabled(if: SharedFixtures.exists(fixturePath), "needs ../shared/fixtures/slack"))
    func matchesZIPFoundation() throws {
        let archive = try SourceArchive(url: Self.fixture, rootMarkers: ["users.json", "channels.json"])
        let zip = try Archive(url: Self.fixture, accessMode: .read)
        var expected: [String: Data] = [:]
        for entry in zip where entry.type == .file {
            var data = Data()
            _ = try zip.extract(entry) { data.append($0) }
            expected[String(entry.path.dropFirst(archive.strippedPrefix.count))] = data
        }
        #expect(try archive.entry(at: "users.json") != nil)
        #expect(try archive.entry(at: "channels.json") != nil)
        #expect(try archive.allEntries().count == expected.count)
        for entry in try archive.allEntries() { #expect(try archive.readAll(entry) == expected[entry.path], "\(entry.path)") }
    }
}
