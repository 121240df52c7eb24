import MattermostImport
import SourceToolkit
import Testing

/// The lenient value rules every JSON source shares: numbers as strings, strings as numbers, wrong
/// shapes absent.
@Suite struct LenientJSONTests {
    @Test func stringsAndNumbersConvert() throws {
        let value = try JSONParser.parse(#"{"a": "1452837318", "b": 1452837318.5, "c": 7, "d": "x", "e": true, "f": "2.9"}"#)
        #expect(value["a"]?.lenientInt64 == 1_452_837_318)
        #expect(value["b"]?.lenientInt64 == 1_452_837_318)
        #expect(value["f"]?.lenientInt64 == 2)
        #expect(value["d"]?.lenientInt64 == nil)
        #expect(value["e"]?.lenientInt64 == nil)
        #expect(value["c"]?.lenientString == "7")
        #expect(value["b"]?.lenientString == "1452837318.500000")
        #expect(value["e"]?.lenientString == nil)
        #expect(value["c"]?.intValue == 7)
        #expect(value["d"]?.intValue == nil)
    }

    @Test func arraysOfTheWrongShapeAreAbsent() throws {
        let value = try JSONParser.parse(#"{"ok": ["a", "b"], "mixed": ["a", 1], "notArray": "a", "objects": [{"x": 1}, 2]}"#)
        #expect(value["ok"]?.stringArray == ["a", "b"])
        #expect(value["mixed"]?.stringArray == nil)
        #expect(value["notArray"]?.stringArray == nil)
        #expect(value["objects"]?.lenientArray { $0["x"]?.int64Value } == nil)
        #expect(value["ok"]?.lenientArray(\.stringValue) == ["a", "b"])
    }
}
