import MattermostImport
import Testing
@testable import MigrationCore

/// The staging store's binary blobs give back exactly what was staged: every extras field, JSON
/// props of every kind (big numbers as their text, key order and duplicate keys kept, deep nesting),
/// non-ASCII strings; a damaged blob is an error, never a wrong value.
@Suite struct StagedBytesTests {
    static let props = JSONValue.object(JSONObject([
        ("a", .null), ("b", .bool(true)), ("c", .bool(false)), ("d", .int(-9_223_372_036_854_775_808)),
        ("e", .int(Int64.max)), ("f", .double(-0.5)), ("g", .number("123456789012345678901234567890.000001")),
        ("h", .string("héllo 👋\u{0}")), ("i", .array([.int(1), .array([]), .object(JSONObject())])),
        ("a", .string("duplicate key, kept in order")),
    ]))

    @Test func everyFieldRoundTrips() throws {
        let extras = StagedExtras(
            postType: "system_generic", props: Self.props, editedAt: -1, isPinned: false,
            reactions: [SourceReaction(emoji: "+1", userIDs: ["U1", "U2"], createdAt: 1_700_000_000_000),
                        SourceReaction(emoji: "🎉", userIDs: [])],
            files: [SourceFile(id: "F1", name: "résumé.pdf", locator: "zip:a/b", size: 0),
                    SourceFile(id: "", name: "", locator: "", size: nil)],
            flaggedByIDs: ["U3"])
        #expect(try StagedExtras(encoded: extras.encoded()) == extras)
        let sparse = StagedExtras(isPinned: true)
        #expect(try StagedExtras(encoded: sparse.encoded()) == sparse)
        #expect(try StagedExtras(encoded: StagedExtras().encoded()).isEmpty)
    }

    @Test func deepNestingRoundTrips() throws {
        var value = JSONValue.int(7)
        for _ in 0..<500 { value = .array([value]) }
        let extras = StagedExtras(props: value)
        #expect(try StagedExtras(encoded: extras.encoded()) == extras)
    }

    @Test func damagedBlobsThrow() throws {
        let bytes = StagedExtras(postType: "x", props: Self.props, reactions: [SourceReaction(emoji: "e", userIDs: ["u"])]).encoded()
        for cut in [1, bytes.count / 2, bytes.count - 1] {
            #expect(throws: StagedBytesReader.Corrupt.self) { try StagedExtras(encoded: Array(bytes.prefix(cut))) }
        }
        #expect(throws: StagedBytesReader.Corrupt.self) { try StagedExtras(encoded: bytes + [0]) }
        #expect(throws: StagedBytesReader.Corrupt.self) { try StagedExtras(encoded: [2, 9]) }
        #expect(throws: StagedBytesReader.Corrupt.self) { try StagedExtras(encoded: []) }
    }
}
