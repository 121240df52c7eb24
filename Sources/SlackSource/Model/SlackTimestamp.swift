/// Slack's message timestamps: `"1452837318.000200"` (seconds and microseconds as a string). The string
/// is the message id within its conversation; the core needs milliseconds.
public enum SlackTimestamp {
    /// Milliseconds since the epoch (microseconds truncated), or `nil` when `ts` is not a timestamp.
    /// Accepts any number of fraction digits (mmetl crashes on fewer than four).
    public static func milliseconds(_ ts: String) -> Int64? {
        var ts = ts
        // Over the contiguous bytes: iterating `utf8` costs several times more per byte (three calls per message).
        return ts.withUTF8(milliseconds(utf8:))
    }

    private static func milliseconds(utf8 ts: UnsafeBufferPointer<UInt8>) -> Int64? {
        var seconds: Int64 = 0
        var fraction: Int64 = 0
        var fractionDigits = 0
        var sawDot = false
        var sawDigit = false
        for byte in ts {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                let digit = Int64(byte - UInt8(ascii: "0"))
                if sawDot {
                    if fractionDigits < 3 {
                        fraction = fraction * 10 + digit
                        fractionDigits += 1
                    }
                } else {
                    guard seconds < 100_000_000_000 else { return nil }
                    seconds = seconds * 10 + digit
                }
            case UInt8(ascii: "."):
                if sawDot { return nil }
                sawDot = true
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        while fractionDigits < 3 {
            fraction *= 10
            fractionDigits += 1
        }
        return seconds * 1000 + fraction
    }
}
