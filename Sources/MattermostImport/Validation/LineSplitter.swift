#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream arriving in chunks into LF-terminated lines, the way Go's line scanner feeds
/// Mattermost: lines wholly inside a chunk are handed over without copying; a line longer than
/// `maxLineBytes` is reported once and skipped without buffering more than the limit.
struct LineSplitter {
    let maxLineBytes: Int
    private var carry: [UInt8] = []
    private var discardingLongLine = false
    private(set) var lineNumber = 0

    init(maxLineBytes: Int = MattermostLimits.maxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, line: (UnsafeRawBufferPointer, Int) -> Void, tooLong: (Int) -> Void) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        let count = chunk.count
        while start < count {
            guard let found = memchr(base + start, 0x0A, count - start) else {
                appendToCarry(UnsafeRawBufferPointer(rebasing: chunk[start...]), tooLong: tooLong)
                return
            }
            let end = base.distance(to: UnsafeRawPointer(found))
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            start = end + 1
            if discardingLongLine {
                discardingLongLine = false
                continue
            }
            if carry.isEmpty {
                lineNumber += 1
                if piece.count > maxLineBytes { tooLong(lineNumber) } else { line(piece, lineNumber) }
                continue
            }
            appendToCarry(piece, tooLong: tooLong)
            if discardingLongLine {
                discardingLongLine = false
                continue
            }
            lineNumber += 1
            carry.withUnsafeBytes { line($0, lineNumber) }
            resetCarry()
        }
    }

    /// Hands over the last line when the input does not end with LF.
    mutating func finish(line: (UnsafeRawBufferPointer, Int) -> Void) {
        guard !carry.isEmpty, !discardingLongLine else { return }
        lineNumber += 1
        carry.withUnsafeBytes { line($0, lineNumber) }
        resetCarry()
    }

    private mutating func appendToCarry(_ bytes: UnsafeRawBufferPointer, tooLong: (Int) -> Void) {
        guard !discardingLongLine else { return }
        if carry.count + bytes.count > maxLineBytes {
            lineNumber += 1
            tooLong(lineNumber)
            discardingLongLine = true
            carry = []
            return
        }
        carry.append(contentsOf: bytes)
    }

    private mutating func resetCarry() {
        if carry.capacity > 1 << 20 { carry = [] } else { carry.removeAll(keepingCapacity: true) }
    }
}
