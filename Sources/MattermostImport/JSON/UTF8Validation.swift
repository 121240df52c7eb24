/// Strict UTF-8 validation shared by the JSON parser and the line reader.
public enum UTF8Validation {
    /// Offset of the first byte that starts an invalid sequence, or nil when the bytes are valid UTF-8.
    public static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 { i += 1; continue }
            let need: Int
            var minSecond: UInt8 = 0x80, maxSecond: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; minSecond = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; maxSecond = 0x9F
            case 0xF0: need = 3; minSecond = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; maxSecond = 0x8F
            default: return i
            }
            guard i + need < n else { return i }
            let b1 = bytes[i + 1]
            guard b1 >= minSecond && b1 <= maxSecond else { return i }
            for k in stride(from: 2, through: need, by: 1) where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += need + 1
        }
        return nil
    }
}
