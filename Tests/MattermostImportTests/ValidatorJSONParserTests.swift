import Testing
@testable import MattermostImport

@Suite("JSON parser")
struct ValidatorJSONParserTests {
    @Test("integers that fit Int64 stay integers; everything else is a double")
    func numbers() throws {
        #expect(try JSONParser.parse("1700000000000") == .int(1_700_000_000_000))
        #expect(try JSONParser.parse("-9223372036854775808") == .int(.min))
        #expect(try JSONParser.parse("9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONParser.parse("1.5e12") == .double(1.5e12))
        #expect(try JSONParser.parse("1.0") == .double(1))
        #expect(try JSONParser.parse("-0") == .int(0))
    }

    @Test("booleans and null are their own cases, object keys keep their order")
    func literalsAndOrder() throws {
        let value = try JSONParser.parse(#" {"b":true,"a":false,"c":null,"d":[1,"x",{}]} "#)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.keys == ["b", "a", "c", "d"])
        #expect(object["b"] == .bool(true))
        #expect(object["c"] == .null)
        #expect(object["d"] == .array([.int(1), .string("x"), .object(JSONObject())]))
    }

    @Test("escapes, surrogate pairs and lone surrogates (U+FFFD like Go)")
    func escapes() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try JSONParser.parse(#""x\ud800y""#) == .string("x\u{FFFD}y"))
        #expect(try JSONParser.parse(#""é\nü""#) == .string("é\nü"))
    }

    @Test("strings read eight bytes at a time stop at each quote, escape, control and non-ASCII byte, wherever it falls")
    func wordAtATimeStrings() throws {
        let filler = Array("abcdefghijklmnopqrstuvwxyz0123".utf8)
        for position in 0..<24 {
            let head = String(decoding: filler[0..<position], as: UTF8.self)
            let tail = String(decoding: filler[position...], as: UTF8.self)
            func text(_ insert: [UInt8]) -> [UInt8] { [0x22] + filler[0..<position] + insert + filler[position...] + [0x22] }
            #expect(try JSONParser.parse(text([])) == .string(head + tail))
            #expect(try JSONParser.parse(text([0x5C, 0x6E])) == .string(head + "\n" + tail))
            #expect(try JSONParser.parse(text([0x5C, 0x22])) == .string(head + "\"" + tail))
            #expect(try JSONParser.parse(text(Array("é".utf8))) == .string(head + "é" + tail))
            #expect(try JSONParser.parse(text(Array("é".utf8) + [0x5C, 0x74])) == .string(head + "é\t" + tail))
            #expect(try JSONParser.parse([0x22] + filler[0..<position] + [0x22]) == .string(head))
            do { _ = try JSONParser.parse(text([0x01])); Issue.record("control character accepted") } catch {
                #expect(error.offset == position + 1)
            }
            do { _ = try JSONParser.parse(text([0xFF])); Issue.record("invalid UTF-8 accepted") } catch {
                #expect(error.reason == "invalid UTF-8")
            }
            do { _ = try JSONParser.parse([0x22] + filler[0..<position]); Issue.record("unterminated string accepted") } catch {
                #expect(error.offset == 0)
            }
        }
    }

    @Test("malformed input fails with the byte offset", arguments: [
        ("{\"a\":1} x", 8), ("{\"a\":}", 5), ("[1,]", 3), ("\"abc", 0), ("01", 0), ("{\"a\" 1}", 5), ("tru", 0), ("\"a\u{1}\"", 2), ("", 0),
        ("{\"a\":1,}", 7), ("1.", 0), ("\"\\x\"", 1),
    ])
    func malformed(_ text: String, offset: Int) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.offset == offset, "\(text): \(error)") }
    }

    @Test("invalid UTF-8 is rejected with its offset", arguments: [
        [0x22, 0x61, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0x5C, 0x6E, 0xF5, 0x80, 0x80, 0x80, 0x22],
    ] as [[UInt8]])
    func invalidUTF8(_ bytes: [UInt8]) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        do { _ = try JSONParser.parse(bytes) } catch { #expect(error.reason == "invalid UTF-8") }
    }

    @Test("nesting deeper than the limit is an error, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }
}
