import Foundation
import Testing
@testable import SourceToolkit

/// The on-disk listing of a large zip: sorting, folder queries and paging across many entries, and
/// queries from several threads at once.
@Suite("SourceArchive listing of many entries")
struct SourceArchiveListingTests {
    static let entryCount = 20_000

    /// A wrapped export (`export/users.json` + `export/c<k>/<n>.json`), entries in scrambled order, with a
    /// `._` file every 1,000 entries, built byte by byte (stored entries, names exactly as given).
    func makeZip(in root: URL) throws -> (url: URL, paths: [String]) {
        let url = root.appendingPathComponent("many.zip")
        var entries: [SourceArchiveFixtures.RawEntry] = [.init(name: Array("export/users.json".utf8), data: Array("[]".utf8))]
        var paths = ["users.json"]
        for step in 0..<Self.entryCount {
            let index = (step * 7_919) % Self.entryCount  // 7919 is prime: a permutation of 0..<entryCount
            let path = "c\(index % 37)/\(index).json"
            paths.append(path)
            entries.append(.init(name: Array("export/\(path)".utf8), data: Array("[\(index)]".utf8)))
            if step % 1_000 == 0 {
                entries.append(.init(name: Array("export/c0/._\(index).json".utf8), data: [0]))
            }
        }
        try SourceArchiveFixtures.handBuiltZip(entries).write(to: url)
        return (url, paths.sorted())
    }

    @Test func listsSortsAndQueriesTwentyThousandEntries() throws {
        let root = try SourceArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (url, expected) = try makeZip(in: root)
        let archive = try SourceArchive(url: url, rootMarkers: ["users.json"])

        #expect(archive.strippedPrefix == "export/")
        #expect(archive.entryCount == expected.count)
        #expect(archive.skippedEntryCount == Self.entryCount / 1_000)
        var walked: [String] = []
        try archive.forEachEntry { walked.append($0.path) }
        #expect(walked == expected)
        #expect(try archive.entries(under: "c7").map(\.path) == expected.filter { $0.hasPrefix("c7/") })
        #expect(try archive.entries(under: "c3/").count == expected.filter { $0.hasPrefix("c3/") }.count)
        #expect(try archive.entries(under: "c").isEmpty)
        let entry = try #require(try archive.entry(at: "c24/12345.json"))
        #expect(entry.storedName == "export/c24/12345.json")
        #expect(try archive.readAll(entry) == Data("[12345]".utf8))
        #expect(try archive.entry(at: "c25/12345.json") == nil)
        var skipped = 0
        try archive.forEachSkippedEntry { item in
            #expect(item.reason == .macOSMetadata)
            skipped += 1
        }
        #expect(skipped == Self.entryCount / 1_000)
    }

    @Test func queriesAndReadsFromSeveralThreadsAtOnce() throws {
        let root = try SourceArchiveFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let (url, expected) = try makeZip(in: root)
        let archive = try SourceArchive(url: url, rootMarkers: ["users.json"])
        let mismatches = Counter()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for folder in stride(from: worker, to: 37, by: 8) {
                guard let entries = try? archive.entries(under: "c\(folder)") else { mismatches.add(); continue }
                if entries.map(\.path) != expected.filter({ $0.hasPrefix("c\(folder)/") }) { mismatches.add() }
                for entry in entries.prefix(50) {
                    let number = entry.path.split(separator: "/")[1].dropLast(5)
                    if (try? archive.readAll(entry)) != Data("[\(number)]".utf8) { mismatches.add() }
                    if (try? archive.entry(at: entry.path)) != entry { mismatches.add() }
                }
            }
        }
        #expect(mismatches.value == 0)
    }
}

/// A thread-safe tally for the concurrent test.
private final class Counter: @unchecked Sendable {  // `count` is guarded by `lock`
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
