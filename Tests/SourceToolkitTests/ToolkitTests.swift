import Foundation
import Testing
import TestSupport
@testable import SourceToolkit

/// The shared reader toolkit's small pieces: names from an export never steer where files go, dates on
/// the command line, the ordered decode pipeline.
@Suite struct ToolkitTests {
    @Test(arguments: [("..", "_.."), (".", "_."), ("", "_"), ("a/b", "a_b"), ("..\\..\\x", ".._.._x"), ("report.pdf", "report.pdf")])
    func downloadNamesAreSinglePathComponents(_ name: String, _ expected: String) {
        #expect(ResumableDownloader.safeComponent(name) == expected)
    }

    @Test func utcDays() {
        #expect(UTCDay.startMillis("2016-01-14") == 1_452_729_600_000)
        #expect(UTCDay.startMillis("1970-01-01") == 0)
        #expect(UTCDay.startMillis("2016-13-01") == nil)
        #expect(UTCDay.startMillis("2016-1-1") == nil)
        #expect(UTCDay.startMillis("yesterday") == nil)
    }

    @Test func pipelineHandsOutInInputOrderAndSurfacesListingErrors() throws {
        let root = try TemporaryDirectory.make("pipeline")
        defer { try? FileManager.default.removeItem(at: root) }
        var files: [String: Data] = ["marker.json": Data("[]".utf8)]
        for index in 0..<200 { files["d/\(String(format: "%03d", index)).txt"] = Data(String(repeating: "x", count: index * 37 % 500).utf8) }
        try TemporaryDirectory.writeTree(files, at: root)
        let archive = try SourceArchive(url: root, rootMarkers: ["marker.json"])
        struct ListingFailed: Error {}
        var pages = FolderPages(archive: archive, folder: "d", pageSize: 16)
        var handedOut = 0
        let pipeline = OrderedDecodePipeline<Int>(archive: archive, nextJob: {
            guard handedOut < 150, let entry = try pages.next() else {
                if handedOut == 150 { throw ListingFailed() }
                return nil
            }
            handedOut += 1
            return .init(tag: handedOut, entry: entry)
        }, maxPendingBytes: 2_000, workers: 3) {
            { entry, reader in try reader.readAll(entry).count }
        }
        pipeline.start()
        defer { pipeline.cancel() }
        var seen: [Int] = []
        #expect(throws: ListingFailed.self) {
            while let (job, outcome) = try pipeline.next() {
                seen.append(job.tag)
                #expect(try outcome.get() == (job.tag - 1) * 37 % 500)
            }
        }
        #expect(seen == Array(1...150), "every listed entry came out, in order, before the listing error")
    }
}
