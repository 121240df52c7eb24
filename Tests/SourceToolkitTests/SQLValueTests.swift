import Foundation
import SourceToolkit
import Testing

/// Numbers stored as text (CSV tables, `mysql --batch`, COPY text) read as `Int64(String)` reads them
/// after trimming spaces: signs, the extremes, overflow and anything not a plain integer.
@Suite struct SQLValueTests {
    @Test(arguments: ["0", "42", " 42 ", "\t-7", "+5", "-0", "9223372036854775807", "-9223372036854775808",
                      "9223372036854775808", "-9223372036854775809", "99999999999999999999", "", " ", "-", "+",
                      "1.5", "1e3", "0x10", "12a", "a12", "1 2", "--1", "١٢", "007"])
    func textIntegersReadAsInt64Does(text: String) {
        let expected = Int64(text.trimmingCharacters(in: .whitespaces))
        #expect(SQLValue.text(ArraySlice(text.utf8)).int64 == expected, "\(text)")
    }

    /// Readers hand out slices of one row buffer: a field that starts mid-buffer reads only its bytes.
    @Test func slicesOfARowBufferReadOnlyTheirOwnBytes() {
        let row = Array("17\tcaf".utf8) + [0xE9] + Array("\t42".utf8)
        #expect(SQLValue.text(row[0..<2]).int64 == 17)
        #expect(SQLValue.text(row[3..<7]).text! == ("caf\u{FFFD}", true))
        #expect(SQLValue.text(row[8...]).int64 == 42)
        #expect(SQLValue.text(row[8...]).string == "42")
    }

    @Test func integersAndNull() {
        #expect(SQLValue.integer(-3).int64 == -3)
        #expect(SQLValue.null.int64 == nil)
    }
}
