#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `LineSplitter` hands its lines to. Generic rather than closures, so the per-line calls of
/// the hot loop are specialised and inlined.
protocol LineSink {
    /// A line (without its LF) that does not start with a blank run; valid only during the call.
    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int)
    /// `count` consecutive lines from `first` on that hold nothing but whitespace.
    mutating func blankLines(from first: Int, count: Int)
    /// A line longer than the limit, skipped.
    mutating func tooLong(number: Int)
}

/// Splits a byte stream arriving in chunks into LF-terminated lines, the way Go's line scanner feeds
/// Mattermost: lines wholly inside a chunk are handed over without copying; a line longer than
/// `maxLineBytes` is reported once and skipped without buffering more than the limit. Runs of
/// blank lines are skipped a word at a time and handed over as one run, so a file of newlines costs
/// about what `memchr` over it costs.
struct LineSplitter {
    let maxLineBytes: Int
    private var carry: [UInt8] = []
    private var discardingLongLine = false
    private(set) var lineNumber = 0

    init(maxLineBytes: Int = MattermostLimits.maxLineBytes) {
        self.maxLineBytes = maxLineBytes
    }

    mutating func feed<Sink: LineSink>(_ chunk: UnsafeRawBufferPointer, into sink: inout Sink) {
        guard let base = chunk.baseAddress else { return }
        var start = 0
        let count = chunk.count
        while start < count {
            if carry.isEmpty, !discardingLongLine, BlankRun.isWhitespace(base.load(fromByteOffset: start, as: UInt8.self)) {
                let run = BlankRun.scan(base, from: start, count: count)
                if run.newlines > 0 {
                    sink.blankLines(from: lineNumber + 1, count: run.newlines)
                    lineNumber += run.newlines
                    start = run.lineStart
                }
                // What follows the last LF of the run begins the next line (JSON allows leading blanks).
                if run.end == count { break }
            }
            guard let found = memchr(base + start, 0x0A, count - start) else { break }
            let end = base.distance(to: UnsafeRawPointer(found))
            let piece = UnsafeRawBufferPointer(rebasing: chunk[start..<end])
            start = end + 1
            if discardingLongLine {
                discardingLongLine = false
                continue
            }
            if carry.isEmpty {
                lineNumber += 1
                if piece.count > maxLineBytes { sink.tooLong(number: lineNumber) } else { sink.line(piece, number: lineNumber) }
                continue
            }
            appendToCarry(piece, into: &sink)
            if discardingLongLine {
                discardingLongLine = false
                continue
            }
            lineNumber += 1
            carry.withUnsafeBytes { sink.line($0, number: lineNumber) }
            resetCarry()
        }
        if start < count { appendToCarry(UnsafeRawBufferPointer(rebasing: chunk[start...]), into: &sink) }
    }

    /// Hands over the last line when the input does not end with LF.
    mutating func finish<Sink: LineSink>(into sink: inout Sink) {
        guard !carry.isEmpty, !discardingLongLine else { return }
        lineNumber += 1
        carry.withUnsafeBytes { sink.line($0, number: lineNumber) }
        resetCarry()
    }

    private mutating func appendToCarry<Sink: LineSink>(_ bytes: UnsafeRawBufferPointer, into sink: inout Sink) {
        guard !discardingLongLine else { return }
        if carry.count + bytes.count > maxLineBytes {
            lineNumber += 1
            sink.tooLong(number: lineNumber)
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

/// A run of JSON whitespace (space, TAB, CR, LF) found eight bytes at a time.
enum BlankRun {
    /// Where the run ends (first other byte, or the end), how many LFs it holds, and the offset
    /// after its last LF (the start of the line the run's tail belongs to).
    struct Extent {
        var end: Int
        var newlines: Int
        var lineStart: Int
    }

    @inline(__always) static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x0A || byte == 0x20 || byte == 0x0D || byte == 0x09
    }

    static func scan(_ base: UnsafeRawPointer, from start: Int, count: Int) -> Extent {
        let allNewlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        var extent = Extent(end: start, newlines: 0, lineStart: start)
        var i = start
        while true {
            // Whole words of LF: the shape of a file inflated from newlines.
            while i + 8 <= count, base.loadUnaligned(fromByteOffset: i, as: UInt64.self) == allNewlines {
                extent.newlines += 8
                i += 8
                extent.lineStart = i
            }
            let stop = min(i + 8, count)
            guard i < stop else { break }
            while i < stop {
                let byte = base.load(fromByteOffset: i, as: UInt8.self)
                guard isWhitespace(byte) else {
                    extent.end = i
                    return extent
                }
                i += 1
                if byte == 0x0A {
                    extent.newlines += 1
                    extent.lineStart = i
                }
            }
        }
        extent.end = count
        return extent
    }
}
