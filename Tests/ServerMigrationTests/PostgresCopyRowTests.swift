import DatabaseClients
import Testing

/// psql's `COPY … TO STDOUT` text rows: fields at tabs, `\N` as NULL, every backslash escape undone
/// byte for byte, wherever in a field it falls.
@Suite struct PostgresCopyRowTests {
    private func fields(_ line: String) -> [String?] {
        var row = PostgresCopyRow()
        Array(line.utf8).withUnsafeBufferPointer { row.split($0) }
        return (0..<row.count).map { row.field($0).map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func fieldsNullsAndEmptyText() {
        #expect(fields("a\t\\N\t\tlast") == ["a", nil, "", "last"])
        #expect(fields("") == [""])
        #expect(fields("\t") == ["", ""])
        // The text "\N" arrives as `\\N`.
        #expect(fields("\\\\N") == ["\\N"])
    }

    @Test func escapesAtEveryPosition() {
        #expect(fields("\\tstart\tmid\\ndle\tend\\r") == ["\tstart", "mid\ndle", "end\r"])
        #expect(fields("\\b\\f\\v\\\\") == ["\u{08}\u{0C}\u{0B}\\"])
        #expect(fields("octal \\101\\0\\7x") == ["octal A\u{0}\u{7}x"])
        #expect(fields("hex \\x41\\x4\\xz") == ["hex A\u{4}xz"])
        // A lone backslash at the end of a field stays as it is.
        #expect(fields("tail\\\tnext") == ["tail\\", "next"])
        #expect(fields(String(repeating: "long run ", count: 200) + "\\n") == [String(repeating: "long run ", count: 200) + "\n"])
    }

    @Test func bytesThatAreNotUTF8ComeOutAsStored() {
        var row = PostgresCopyRow()
        let line: [UInt8] = [0xE9, 0x5C, 0x6E, 0xFF, 0x09, 0x41]
        line.withUnsafeBufferPointer { row.split($0) }
        #expect(row.count == 2)
        #expect(row.field(0).map(Array.init) == [0xE9, 0x0A, 0xFF])
        #expect(row.field(1).map(Array.init) == [0x41])
    }
}
