import Foundation
import MattermostImport

/// The values that need no fix — nearly all of them — converted straight from the row buffer into
/// the COPY line and the checksum row, with no allocation. Each case gives exactly what the general
/// `convert` gives for such a value; anything else returns false and takes the general path.
extension FieldConverter {
    /// Scratch state for the fast path, kept between values (one per copying thread).
    struct FastPathScratch {
        var json = JSONBFastText()
        var jsonText: [UInt8] = []
    }

    func convertFast(_ value: UnsafeBufferPointer<UInt8>?, copy: inout [UInt8], checksumRow: inout [UInt8], scratch: inout FastPathScratch) -> Bool {
        guard let value else {
            guard !mapping.notNull else { return false }
            copy.append(UInt8(ascii: "\\"))
            copy.append(UInt8(ascii: "N"))
            checksumRow.append(UInt8(ascii: "N"))
            return true
        }
        switch mapping.kind {
        case .boolean:
            guard value.count == 1, value[0] == UInt8(ascii: "0") || value[0] == UInt8(ascii: "1") else { return false }
            copy.append(value[0] == UInt8(ascii: "1") ? UInt8(ascii: "t") : UInt8(ascii: "f"))
            RowChecksum.appendField(value, to: &checksumRow)
        case .integer(let minimum, let maximum):
            guard let number = Self.canonicalInteger(value), number >= minimum, number <= maximum else { return false }
            copy.append(contentsOf: value)
            RowChecksum.appendField(value, to: &checksumRow)
        case .jsonb:
            guard Self.isCleanText(value) else { return false }
            scratch.jsonText.removeAll(keepingCapacity: true)
            guard scratch.json.render(value, into: &scratch.jsonText) else { return false }
            scratch.jsonText.withUnsafeBufferPointer { text in
                Self.appendEscaped(text, to: &copy)
                RowChecksum.appendField(text, to: &checksumRow)
            }
        case .enumeration:
            guard labelBytes.contains(where: { $0.elementsEqual(value) }) else { return false }
            Self.appendEscaped(value, to: &copy)
            RowChecksum.appendField(value, to: &checksumRow)
        case .text(let maximum):
            guard Self.isCleanText(value) else { return false }
            if let maximum, value.count > maximum, Self.characterCount(value) > maximum { return false }
            Self.appendEscaped(value, to: &copy)
            RowChecksum.appendField(value, to: &checksumRow)
        case .timestamp, .other:
            guard Self.isCleanText(value), !value.starts(with: "0000-00-00".utf8) else { return false }
            Self.appendEscaped(value, to: &copy)
            RowChecksum.appendField(value, to: &checksumRow)
        case .textArray, .bytea:
            return false
        }
        return true
    }

    /// Valid UTF-8 without NUL bytes: text the general path leaves as it is.
    private static func isCleanText(_ value: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = value.baseAddress else { return true }
        return memchr(base, 0, value.count) == nil && UTF8Validation.firstInvalidOffset(value) == nil
    }

    /// The value of an integer written as `String(Int64)` writes it (no `+`, no leading zeros, no `-0`); nil otherwise.
    private static func canonicalInteger(_ value: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = value.first == UInt8(ascii: "-")
        if negative { index = 1 }
        let digits = value.count - index
        guard digits > 0, digits <= 19, digits == 1 || value[index] != UInt8(ascii: "0") else { return nil }
        if negative, digits == 1, value[index] == UInt8(ascii: "0") { return nil }
        var number: Int64 = 0
        while index < value.count {
            let digit = value[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times, overflow) = number.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(negative ? -Int64(digit) : Int64(digit))
            guard !overflow, !overflow2 else { return nil }
            number = sum
            index += 1
        }
        return number
    }
}
