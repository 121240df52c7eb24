import Testing
@testable import MattermostImport

/// Strings are scanned eight bytes at a time for bytes to escape; every position of every kind of
/// such byte, in text of every length around a word, must come out as a byte-by-byte escaper writes it.
@Suite struct JSONWriterEscapeTests {
    static func reference(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    @Test func everyEscapeAtEveryPosition() {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1F}", " ", "!", "#", "[", "]", "~", "é", "😀"]
        for length in 0..<20 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var characters = Array(repeating: Character("a"), count: length)
                    if length > 0 { characters[position] = special }
                    let text = String(characters)
                    var writer = JSONWriter()
                    writer.string(text)
                    #expect(String(decoding: writer.bytes, as: UTF8.self) == Self.reference(text), "\(text.debugDescription)")
                }
            }
        }
    }

    @Test func wordCheckMatchesByteCheck() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var mismatches: [UInt64] = []
        for _ in 0..<100_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Bytes biased toward the interesting ranges (controls, `"`, `\`, their neighbours, high bytes).
            var word: UInt64 = 0
            for shift in stride(from: 0, to: 64, by: 8) {
                let pick = (state >> UInt64(shift)) & 0xFF
                let byte: UInt64 = [pick & 0x3F, 0x22 &+ (pick & 3) &- 1, 0x5C &+ (pick & 3) &- 1, pick | 0x80, 0x1F &+ (pick & 1)][Int(pick % 5)]
                word |= (byte & 0xFF) << UInt64(shift)
            }
            let bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> UInt64($0 * 8)) }
            let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
            if JSONWriter.needsEscape(word) != expected { mismatches.append(word) }
        }
        #expect(mismatches.isEmpty)
    }
}
