import Foundation

/// Escaping and formatting helpers for the HTML report.
enum HTMLText {
    /// Text safe inside an element or a double-quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// JSON text safe inside `<script type="application/json">`: every `<` becomes `\u003c` (the same
    /// JSON value), so no `</script>` or `<!--` in the data can end or change the element.
    static func scriptSafeJSON(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// An integer with thousands separators (1,234,567), as shown to people; data attributes keep the raw value.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A UTC day (YYYY-MM-DD) for a time in milliseconds since 1970.
    static func day(_ millis: Int64) -> String {
        var seconds = time_t(millis / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
    }
}
