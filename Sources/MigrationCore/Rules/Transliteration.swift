import Foundation

/// Readable ASCII for names from any script: "Москва" → "Moskva", "東京" → "dong jing",
/// "Ünïcödé" → "Unicode". Uses ICU's Any-Latin and diacritic stripping through Foundation.
enum Transliteration {
    static func ascii(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        let latin = text.applyingTransform(.toLatin, reverse: false) ?? text
        let stripped = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        // Letters ICU leaves alone (ß, æ, ø, đ, ł, þ …) and punctuation it produces.
        var out = ""
        for scalar in stripped.unicodeScalars {
            if scalar.isASCII { out.unicodeScalars.append(scalar); continue }
            if let mapped = extraLatin[scalar] { out += mapped } else { out += "-" }
        }
        return out
    }

    private static let extraLatin: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
        "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "œ": "oe", "Œ": "OE", "ı": "i", "ʼ": "", "ʹ": "", "’": "",
    ]
}
