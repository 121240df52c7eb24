import Foundation
import Testing
import SourceToolkit
@testable import CSVSource

/// The tokenizer on each quoting case real exports contain: the fields it must give, exactly.
@Suite struct CSVTokenizerTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var dialect: CSVDialect?
        var rows: [[String]]
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ rows: [[String]], dialect: CSVDialect? = nil, prefix: [UInt8] = []) {
            self.name = name
            bytes = prefix + Array(text.utf8)
            self.dialect = dialect
            self.rows = rows
        }
    }

    static let cases: [Case] = [
        Case("embedded newline", "\"a\",\"line 1\nline 2\"\n\"b\",\"x\"\n", [["a", "line 1\nline 2"], ["b", "x"]]),
        Case("embedded separator", "\"a,b\",c\n", [["a,b", "c"]]),
        Case("doubled quotes", "\"say \"\"hi\"\"\",\"\"\"\"\n", [["say \"hi\"", "\""]]),
        Case("backslash-escaped quotes (Slack)", #""say \"hi\" \\ ok \n","b""# + "\n", [[#"say "hi" \ ok \n"#, "b"]],
             dialect: CSVDialect(backslashEscapes: true)),
        Case("backslash kept in the standard dialect", #""C:\dir\","b""# + "\n", [[#"C:\dir\"#, "b"]]),
        Case("UTF-8 BOM", "a,b\n", [["a", "b"]], prefix: [0xEF, 0xBB, 0xBF]),
        Case("CRLF", "a,b\r\nc,\"d\r\ne\"\r\n", [["a", "b"], ["c", "d\r\ne"]]),
        Case("lone CR line ends", "a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        Case("semicolon detected", "a;b;\"c;d\"\n1;2;3\n", [["a", "b", "c;d"], ["1", "2", "3"]]),
        Case("tab detected", "a\tb\t\"c\td\"\n", [["a", "b", "c\td"]]),
        Case("tab given", "a\tb,c\n", [["a", "b,c"]], dialect: CSVDialect(delimiter: .tab)),
        Case("blank lines skipped", "a\n\n\r\nb\n", [["a"], ["b"]]),
        Case("no final newline", "a,b", [["a", "b"]]),
        Case("empty fields", ",,\n\"\",x\n", [["", "", ""], ["", "x"]]),
        Case("non-ASCII", "\"café ☕\",日本\n", [["café ☕", "日本"]]),
    ]

    static func tokenize(_ bytes: [UInt8], dialect: CSVDialect?) throws -> [CSVRecord] {
        let url = try BespokeFiles.write(bytes)
        let chosen = try dialect ?? CSVDialect(delimiter: CSVDialect.detectDelimiter(path: url.path))
        let tokenizer = try CSVTokenizer(path: url.path, name: "input.csv", dialect: chosen)
        var records: [CSVRecord] = []
        while let record = try tokenizer.next() { records.append(record) }
        return records
    }

    @Test(arguments: cases)
    func quotingCase(_ c: Case) throws {
        #expect(try Self.tokenize(c.bytes, dialect: c.dialect).map(\.fields) == c.rows)
    }

    @Test func rowsAndLinesAreCountedApart() throws {
        let records = try Self.tokenize(Array("a,\"1\n2\n3\"\n\nb,c\n".utf8), dialect: nil)
        #expect(records.map(\.row) == [1, 2])
        #expect(records.map(\.line) == [1, 5])
    }

    @Test func fieldLargerThanTheReadChunk() throws {
        let big = String(repeating: "x\"y\n", count: 800_000)  // 3.2 MB, quotes doubled below
        let text = "\"" + big.replacingOccurrences(of: "\"", with: "\"\"") + "\",end\nnext,row\n"
        let records = try Self.tokenize(Array(text.utf8), dialect: nil)
        #expect(records.count == 2)
        #expect(records[0].fields == [big, "end"])
        #expect(records[1].fields == ["next", "row"])
        #expect(records[1].line == 800_002)
    }

    @Test func unclosedQuoteNamesRowLineAndColumn() throws {
        #expect(throws: CSVSourceError(file: "input.csv", row: 2, line: 2, column: "2",
                                       reason: "quoted field never closed before the end of the file")) {
            try Self.tokenize(Array("a,b\nc,\"never closed\nmore\n".utf8), dialect: nil)
        }
    }

    @Test func textAfterClosingQuoteIsABadRowAndReadingGoesOn() throws {
        let url = try BespokeFiles.write("a,b\n\"x\"y,z\nc,d\n")
        let tokenizer = try CSVTokenizer(path: url.path, name: "input.csv", dialect: CSVDialect())
        #expect(try tokenizer.next()?.fields == ["a", "b"])
        let error = #expect(throws: CSVSourceError.self) { try tokenizer.next() }
        #expect(error?.description == "input.csv: row 2, column 1: unexpected \"y\" after the closing quote (a quote inside a quoted field must be doubled)")
        let next = try tokenizer.next()
        #expect(next?.fields == ["c", "d"])
        #expect(next?.row == 3)
        #expect(try tokenizer.next() == nil)
    }

    @Test func invalidUTF8IsABadRow() throws {
        let error = #expect(throws: CSVSourceError.self) { try Self.tokenize([0x61, 0x2C, 0xFF, 0xFE, 0x0A], dialect: nil) }
        #expect(error?.column == "2")
        #expect(error?.reason.contains("UTF-8") == true)
    }

    @Test func overlongRowIsABadRowAndReadingGoesOn() throws {
        let url = try BespokeFiles.write("\"" + String(repeating: "z", count: 3000) + "\nok,1\n")
        let tokenizer = try CSVTokenizer(path: url.path, dialect: CSVDialect(maxRowBytes: 1000))
        let error = #expect(throws: CSVSourceError.self) { try tokenizer.next() }
        #expect(error?.reason.contains("row longer than") == true)
        #expect(try tokenizer.next()?.fields == ["ok", "1"])
    }
}
