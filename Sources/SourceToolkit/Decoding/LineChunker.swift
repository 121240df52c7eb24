/// Splits a byte stream that arrives in chunks into lines, remembering where each starts, so a reader
/// can stream a log file of any size and name a bad line by number and byte offset.
///
/// Lines end at `\n`; a `\r` before it is dropped. A line longer than `maxLineBytes` is cut there (its
/// `truncated` flag is set) and the rest of it is discarded, so memory stays bounded by that limit.
public struct LineChunker {
    /// One line: its bytes (without the newline), 1-based number and the byte offset where it starts.
    public struct Line {
        public var bytes: [UInt8]
        public var number: Int
        public var offset: Int
        public var truncated: Bool
    }

    public let maxLineBytes: Int
    private var current: [UInt8] = []
    private var currentOffset = 0
    private var currentTruncated = false
    private var consumed = 0
    private var number = 0

    public init(maxLineBytes: Int = 1 << 20) {
        self.maxLineBytes = maxLineBytes
    }

    /// Feeds the next chunk; `body` gets every line the chunk completes.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ body: (Line) throws -> Void) rethrows {
        var start = 0
        let bytes = chunk.bindMemory(to: UInt8.self)
        while start < bytes.count {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else {
                append(bytes[start...])
                break
            }
            append(bytes[start..<newline])
            try emit(body)
            currentOffset = consumed + newline + 1
            start = newline + 1
        }
        consumed += bytes.count
    }

    /// Ends the stream: `body` gets the last line if it had no newline.
    public mutating func finish(_ body: (Line) throws -> Void) rethrows {
        if !current.isEmpty || currentTruncated { try emit(body) }
    }

    private mutating func append(_ slice: Slice<UnsafeBufferPointer<UInt8>>) {
        let room = maxLineBytes - current.count
        if slice.count > room {
            current.append(contentsOf: slice.prefix(max(room, 0)))
            currentTruncated = true
        } else {
            current.append(contentsOf: slice)
        }
    }

    private mutating func emit(_ body: (Line) throws -> Void) rethrows {
        number += 1
        if current.last == 0x0D { current.removeLast() }
        let line = Line(bytes: current, number: number, offset: currentOffset, truncated: currentTruncated)
        current.removeAll(keepingCapacity: true)
        currentTruncated = false
        try body(line)
    }
}
