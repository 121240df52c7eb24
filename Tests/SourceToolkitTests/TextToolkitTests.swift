import Foundation
import Testing
import MigrationCore
@testable import SourceToolkit

/// The small text pieces readers share: lines from chunks, mapping CSVs, message HTML → Markdown,
/// wall-clock times, a process-independent hash.
@Suite struct TextToolkitTests {
    func lines(_ chunks: [String], max: Int = 1 << 20) -> [LineChunker.Line] {
        var chunker = LineChunker(maxLineBytes: max)
        var result: [LineChunker.Line] = []
        for chunk in chunks {
            Array(chunk.utf8).withUnsafeBytes { chunker.feed($0) { result.append($0) } }
        }
        chunker.finish { result.append($0) }
        return result
    }

    @Test func lineChunkerKeepsNumbersOffsetsAndBoundsLongLines() {
        let found = lines(["ab\r\ncd", "e\n\nlast"])
        #expect(found.map { String(decoding: $0.bytes, as: UTF8.self) } == ["ab", "cde", "", "last"])
        #expect(found.map(\.number) == [1, 2, 3, 4])
        #expect(found.map(\.offset) == [0, 4, 8, 9])
        let long = lines([String(repeating: "x", count: 10), "yz\nok"], max: 4)
        #expect(long.first?.bytes.count == 4 && long.first?.truncated == true)
        #expect(long.last.map { String(decoding: $0.bytes, as: UTF8.self) } == "ok" && long.last?.offset == 13)
    }

    @Test func trimmingWhitespace() {
        #expect(" \t a b\u{00A0}\n".trimmingWhitespace == "a b")
        #expect("\n \t".trimmingWhitespace == "")
        #expect("x".dropFirst().trimmingWhitespace == "")
        // Visible ASCII at both ends: nothing to trim (the fast path), inner spaces kept.
        #expect("a  b".trimmingWhitespace == "a  b")
        #expect("a\u{2003}".trimmingWhitespace == "a")
        #expect("\u{2003}b".trimmingWhitespace == "b")
        // A combining mark on white space is white space still; on a visible letter it is kept.
        #expect(" \u{301}x".trimmingWhitespace == "x")
        #expect("x \u{301}".trimmingWhitespace == "x")
        #expect("e\u{301}".trimmingWhitespace == "e\u{301}")
        #expect("\r\nb\r\n".trimmingWhitespace == "b")
    }

    @Test func sqlTextIsRepairedOnlyWhenItIsNotUTF8() {
        #expect(SQLValue.text(ArraySlice("café ✓".utf8)).text! == ("café ✓", false))
        #expect(SQLValue.text([]).text! == ("", false))
        #expect(SQLValue.text([0x61, 0xFF]).text! == ("a\u{FFFD}", true))
        #expect(SQLValue.text([0xEF, 0xBF, 0xBD]).text! == ("\u{FFFD}", false))
    }

    @Test func userMapWithoutHeaderAndWithComments() throws {
        let map = try UserMapFile(csv: "# who is who\n\n\"Smith, Bob\",bob\r\n\"say \"\"hi\"\"\",x,x@example.com\n", name: "m.csv")
        #expect(map.entries == ["Smith, Bob": .init(username: "bob"), "say \"hi\"": .init(username: "x", email: "x@example.com")])
        #expect(try UserMapFile(csv: "name,username\n# c\nann,a\n").entries == ["ann": .init(username: "a")])
        #expect(throws: UserMapError.self) { try UserMapFile(csv: "a,\"open", name: "m.csv") }
    }

    @Test func htmlFragmentToMarkdown() {
        let result = HTMLToMarkdown.convert("<span style='x'>a &amp; <B>b</B><br>c <a href=\"http://x.org/?a=1&amp;b=2\">site</a> <a href='http://y.org'>http://y.org</a> <img src='p.png'> &#233;&#x263A; &bogus; <i>it</i><head><title>t</title></head>")
        #expect(result.text == "a & **b**\nc [site](http://x.org/?a=1&b=2) http://y.org [image: p.png] é☺ &bogus; _it_")
        #expect(result.images == ["p.png"])
        #expect(HTMLToMarkdown.convert("<unclosed broken <b").text == "<unclosed broken <b")
    }

    @Test func civilTimeAndStableHash() {
        #expect(CivilTime.seconds(year: 1970, month: 1, day: 2, hour: 1) == 90_000)
        #expect(CivilTime.isValidDate(year: 2012, month: 2, day: 29) && !CivilTime.isValidDate(year: 2011, month: 2, day: 29))
        #expect(CivilTime.Zone.offset(seconds: 3_600).utcMillis(local: 3_600) == 0)
        #expect(StableHash.of("ab", "c") != StableHash.of("a", "bc"))
    }
}
