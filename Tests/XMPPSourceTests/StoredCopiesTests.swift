import Testing
@testable import XMPPSource

@Suite struct StoredCopiesTests {
    /// More keys than one in-memory batch, so copies are found both in the batch and in the file.
    @Test func copiesAreFoundBeforeAndAfterABatchIsWritten() throws {
        let copies = try StoredCopies(window: 1_000)
        let count = 40_000
        for index in 0..<count {
            #expect(try !copies.isCopy(ArchiveKey("conversation", "key-\(index)"), at: Int64(index) * 10))
        }
        var found = 0
        for index in 0..<count where try copies.isCopy(ArchiveKey("conversation", "key-\(index)"), at: Int64(index) * 10 + 999) {
            found += 1
        }
        #expect(found == count)
    }

    @Test func aReusedKeyOutsideTheWindowIsANewMessage() throws {
        let copies = try StoredCopies(window: 1_000)
        #expect(try !copies.isCopy(ArchiveKey("conversation", "a"), at: 5_000))
        #expect(try copies.isCopy(ArchiveKey("conversation", "a"), at: 4_000))
        #expect(try copies.isCopy(ArchiveKey("conversation", "a"), at: 6_000))
        #expect(try !copies.isCopy(ArchiveKey("conversation", "a"), at: 6_001))
        #expect(try !copies.isCopy(ArchiveKey("conversation", "b"), at: 5_000))
        // Either side of a bucket edge (buckets are two windows wide) and at negative times.
        #expect(try !copies.isCopy(ArchiveKey("conversation", "edge"), at: 1_999))
        #expect(try copies.isCopy(ArchiveKey("conversation", "edge"), at: 2_001))
        #expect(try !copies.isCopy(ArchiveKey("conversation", "negative"), at: -1))
        #expect(try copies.isCopy(ArchiveKey("conversation", "negative"), at: -999))
    }

    @Test func extremeTimesDoNotTrap() throws {
        let copies = try StoredCopies(window: 1_000)
        #expect(try !copies.isCopy(ArchiveKey("conversation", "max"), at: .max))
        #expect(try copies.isCopy(ArchiveKey("conversation", "max"), at: .max - 1))
        #expect(try !copies.isCopy(ArchiveKey("conversation", "min"), at: .min))
        #expect(try copies.isCopy(ArchiveKey("conversation", "min"), at: .min + 1))
    }

    /// Keys are hashed part by part, never joined: parts that would join to the same text are still
    /// different keys, and so are two parts and the same two with an author.
    @Test func keysDifferWhereverTheirPartsSplit() throws {
        let copies = try StoredCopies(window: 1_000)
        #expect(try !copies.isCopy(ArchiveKey("ab", "c"), at: 0))
        #expect(try !copies.isCopy(ArchiveKey("a", "bc"), at: 0))
        #expect(try !copies.isCopy(ArchiveKey("a", "bc", "d"), at: 0))
        #expect(try copies.isCopy(ArchiveKey("ab", "c"), at: 10))
        #expect(try copies.isCopy(ArchiveKey("a", "bc", "d"), at: 10))
        #expect(ArchiveKey("a", "bc", "d").text == "a\u{1F}bc\u{1F}d")
    }
}
