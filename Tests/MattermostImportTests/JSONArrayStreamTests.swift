import Testing
@testable import MattermostImport

@Suite("JSON array stream")
struct JSONArrayStreamTests {
    /// Feeds `text` in chunks of `chunk` bytes; returns the elements with their repairs.
    /// With `skipping`, the keys left out of each top-level object and the re-parse decision.
    static func elements(_ text: String, chunk: Int, maxElementBytes: Int = JSONArrayStream.defaultMaxElementBytes,
                         repairs: Bool = false, skipping: (keys: [String], needs: ((JSONValue) -> Bool)?)? = nil)
        throws -> (values: [JSONValue], repairs: [Int], sawArray: Bool) {
        var stream = JSONArrayStream(maxElementBytes: maxElementBytes, repairsStrings: repairs)
        if let skipping { stream.skipping = JSONMemberSkipping(keys: skipping.keys, neededFor: skipping.needs ?? { _ in false }) }
        var values: [JSONValue] = []
        var counts: [Int] = []
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBytes { try stream.feed($0) { values.append($0); counts.append($1) } }
            start = end
        }
        let saw = try stream.finish { values.append($0); counts.append($1) }
        return (values, counts, saw)
    }

    static let sample = #" [ {"a": [1, 2.5, "x\u00e9"], "b": {"c": null}} ,12345, "tail\n", true,[[]],-7e2 ]  "#

    @Test("elements come out the same whatever the chunk size", arguments: [1, 2, 3, 5, 7, 64, 4096])
    func chunking(_ chunk: Int) throws {
        let whole = try JSONParser.parse(Self.sample)
        let streamed = try Self.elements(Self.sample, chunk: chunk)
        #expect(streamed.sawArray)
        #expect(JSONValue.array(streamed.values) == whole)
    }

    @Test("empty and whitespace-only texts hold no array; [] holds no elements")
    func empty() throws {
        #expect(try Self.elements("", chunk: 4).sawArray == false)
        #expect(try Self.elements(" \n\t \r\n", chunk: 2).sawArray == false)
        let emptyArray = try Self.elements(" [ ] ", chunk: 1)
        #expect(emptyArray.sawArray && emptyArray.values.isEmpty)
    }

    @Test("syntax errors carry the byte offset in the whole text", arguments: [1, 3, 4096])
    func offsets(_ chunk: Int) {
        let cases: [(String, Int)] = [
            ("[{\"a\": 1}, {\"b\" 2}]", 16), ("[1, 2", 5), ("{\"not\": \"an array\"}", 0), ("[1] x", 4), ("[1 2]", 3),
            ("[\"abc", 1), ("[1,]", 3), ("[\"a\\x\"]", 3),
        ]
        for (text, offset) in cases {
            do {
                _ = try Self.elements(text, chunk: chunk)
                Issue.record("\(text): expected an error")
            } catch let error as JSONParseError {
                #expect(error.offset == offset, "\(text) in chunks of \(chunk): \(error)")
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }

    @Test("deep nesting is refused within the first kilobyte, not after reading everything")
    func depth() throws {
        var stream = JSONArrayStream()
        let brackets = [UInt8](repeating: UInt8(ascii: "["), count: 64 << 10)
        #expect {
            try brackets.withUnsafeBytes { try stream.feed($0) { _, _ in } }
        } throws: { error in
            guard let error = error as? JSONParseError else { return false }
            return error.reason.contains("nesting deeper") && error.offset < 1024
        }
    }

    @Test("an element over the limit is refused; whitespace between elements is not counted")
    func limit() throws {
        let padded = "[1," + String(repeating: " ", count: 10_000) + "2]"
        #expect(try Self.elements(padded, chunk: 100, maxElementBytes: 16).values == [.int(1), .int(2)])
        let big = "[\"" + String(repeating: "x", count: 10_000) + "\"]"
        #expect {
            _ = try Self.elements(big, chunk: 100, maxElementBytes: 4096)
        } throws: { error in
            (error as? JSONParseError)?.reason.hasPrefix(JSONArrayStream.tooLargeReason) == true && (error as? JSONParseError)?.offset == 1
        }
        #expect(try Self.elements(big, chunk: 100, maxElementBytes: 20_000).values.count == 1)
    }

    @Test("repair keeps invalid escapes, lone surrogates and raw control characters, and counts them", arguments: [1, 5, 4096])
    func repairs(_ chunk: Int) throws {
        let text = "[\"a\\1b\", \"x\\uZZ\", \"s\\ud800t\", \"tab\tin\", \"ok\\n\", \"lo\\udc00w\", \"\\ud83d\\ude00\", \"both\\q\t\"]"
        let streamed = try Self.elements(text, chunk: chunk, repairs: true)
        #expect(streamed.values == ["a\\1b", "x\\uZZ", "s\u{FFFD}t", "tab\tin", "ok\n", "lo\u{FFFD}w", "😀", "both\\q\t"].map(JSONValue.string))
        #expect(streamed.repairs == [1, 1, 1, 1, 0, 1, 0, 2])
    }

    @Test("without repair (the validator) the same strings are still rejected")
    func strictByDefault() {
        for text in ["\"a\\1b\"", "\"x\\uZZZZ\"", "\"tab\tin\""] {
            #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        }
        #expect(throws: JSONParseError.self) { try Self.elements("[\"a\\1b\"]", chunk: 3) }
    }

    // MARK: members left out

    /// Streams `text` leaving out `keys` of each top-level object; `needs` decides a re-parse.
    static func skipping(_ text: String, keys: [String], chunk: Int, repairs: Bool = true,
                         needs: ((JSONValue) -> Bool)? = nil) throws -> (values: [JSONValue], repairs: [Int]) {
        let streamed = try elements(text, chunk: chunk, repairs: repairs, skipping: (keys, needs))
        return (streamed.values, streamed.repairs)
    }

    static let messages = #"""
        [{"text":"hi","blocks":[{"type":"rich_text","elements":[{"text":"hi \u00e9 \q"}]}],"user":"U1","profile":{"n":"x\u0001"}},
         {"text":"","blocks":[1,2.5,true,null,{"k":"v"}],"user":"U2"},
         ["blocks", {"blocks": 1}],
         {"bl\u006fcks":"escaped key stays","blocks":"x"}]
        """#

    @Test("left-out members are checked and counted as if parsed, and only the top-level object loses them",
          arguments: [1, 7, 4096])
    func skippedMembers(_ chunk: Int) throws {
        let whole = try Self.elements(Self.messages, chunk: chunk, repairs: true)
        let skipped = try Self.skipping(Self.messages, keys: ["blocks", "profile"], chunk: chunk)
        #expect(skipped.repairs == whole.repairs)
        #expect(whole.repairs[0] == 1)
        #expect(skipped.values[0] == (try JSONParser.parse(#"{"text":"hi","user":"U1"}"#)))
        #expect(skipped.values[1] == (try JSONParser.parse(#"{"text":"","user":"U2"}"#)))
        #expect(skipped.values[2] == whole.values[2])
        #expect(skipped.values[3] == (try JSONParser.parse(#"{"blocks":"escaped key stays"}"#)))
    }

    @Test("a left-out string is scanned like a parsed one, wherever in a word its quote, escape or control character falls")
    func skippedStringWords() throws {
        for position in 0..<24 {
            for insert in ["", #"\n"#, "é", #"\""#, "\u{01}", "é\u{01}"] {
                let text = #"[{"blocks":""# + String(repeating: "x", count: position) + insert + "yyyyyyyyyyyy" + #"","a":1}]"#
                let whole = try Self.elements(text, chunk: 4096, repairs: true)
                let skipped = try Self.skipping(text, keys: ["blocks"], chunk: 4096)
                #expect(skipped.values == [try JSONParser.parse(#"{"a":1}"#)])
                #expect(skipped.repairs == whole.repairs)
                #expect(whole.repairs == [insert.contains("\u{01}") ? 1 : 0])
            }
        }
    }

    @Test("an element that needs its left-out members after all is parsed again whole")
    func skippedMembersOnDemand() throws {
        let whole = try Self.elements(Self.messages, chunk: 5, repairs: true)
        let skipped = try Self.skipping(Self.messages, keys: ["blocks", "profile"], chunk: 5) { value in
            value["text"]?.stringValue?.isEmpty ?? true
        }
        #expect(skipped.values[1] == whole.values[1])
        #expect(skipped.values[0] != whole.values[0])
        #expect(skipped.repairs == whole.repairs)
    }

    @Test("errors inside left-out members are the parser's own, at the same offset",
          arguments: [#"[{"a":1,"blocks":[1,]}]"#, #"[{"blocks":{"x" 1}}]"#, #"[{"blocks":"\x"}]"#, "[{\"blocks\":\"\u{01}\"}]",
                      #"[{"blocks":tru}]"#, #"[{"blocks":"unterminated}]"#, #"[{"blocks":[[[["#])
    func skippedMemberErrors(_ text: String) throws {
        var expected: JSONParseError?
        do { _ = try Self.elements(text, chunk: 4096) } catch let error as JSONParseError { expected = error }
        var actual: JSONParseError?
        do { _ = try Self.skipping(text, keys: ["blocks"], chunk: 4096, repairs: false) } catch let error as JSONParseError { actual = error }
        #expect(expected != nil)
        #expect(actual == expected)
    }

    @Test("nesting inside a left-out member is bounded like everywhere else")
    func skippedMemberDepth() throws {
        let text = #"[{"blocks":"# + String(repeating: "[", count: 2_000) + String(repeating: "]", count: 2_000) + "}]"
        var expected: JSONParseError?
        do { _ = try Self.elements(text, chunk: 4096) } catch let error as JSONParseError { expected = error }
        var actual: JSONParseError?
        do { _ = try Self.skipping(text, keys: ["blocks"], chunk: 4096) } catch let error as JSONParseError { actual = error }
        #expect(expected?.reason.hasPrefix("nesting deeper") == true)
        #expect(actual == expected)
    }
}
