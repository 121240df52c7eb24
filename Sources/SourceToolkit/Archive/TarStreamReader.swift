import Foundation

/// One entry of a tar stream, as announced by `TarStreamReader`.
public struct TarStreamEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A regular file: its bytes follow as `.data` events.
        case file
        case directory
        /// A link, device, FIFO or other entry with no file content (`type` is the tar type flag).
        case other(type: UInt8)
        /// A name that escapes the archive (`..`, absolute) or is macOS metadata: to be counted, not read.
        case unsafe(name: String)
    }

    /// Normalised relative path (see `SourceEntryPath`); the raw name for `.unsafe`.
    public let path: String
    public let size: Int64
    public let kind: Kind
    /// Offset of the entry's header in the tar stream.
    public let offset: Int64
}

/// Why a tar stream cannot be read.
public struct TarStreamError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable { case badHeader, truncated }
    public let kind: Kind
    public let offset: Int64

    public var description: String {
        switch kind {
        case .badHeader: "damaged tar header at byte \(offset)"
        case .truncated: "tar stream ends early at byte \(offset)"
        }
    }
}

/// A push parser for POSIX ustar/pax and GNU tar streams: bytes go in as they come (from a pipe, a
/// decryptor, a gunzip), entries come out as `.begin`, `.data`…, `.end` events, with no seek and no
/// buffering beyond one header block (file contents pass straight through). Pax `path` records and GNU
/// long names (`L`) give the real name; global pax headers and long link names are read and dropped.
public final class TarStreamReader {
    public enum Event {
        case begin(TarStreamEntry)
        case data(UnsafeRawBufferPointer)
        case end(TarStreamEntry)
    }

    static let blockSize = 512
    /// Pax and GNU long-name records are buffered; larger ones are damage, not names.
    static let maxMetaSize: Int64 = 1 << 20

    private enum State {
        case header
        case content(entry: TarStreamEntry, remaining: Int64)
        case meta(type: UInt8, remaining: Int64)
        case padding(remaining: Int)
        case ended
    }

    private let handler: (Event) throws -> Void
    private var state = State.header
    private var block: [UInt8] = []
    private var meta: [UInt8] = []
    private var longName: String?
    private var offset: Int64 = 0
    private var headerOffset: Int64 = 0
    private var pendingPadding = 0

    /// - Parameter handler: called for every event; `.data` buffers are valid only during the call.
    public init(handler: @escaping (Event) throws -> Void) {
        self.handler = handler
        block.reserveCapacity(Self.blockSize)
    }

    /// Whether the end-of-archive marker was read.
    public var isEnded: Bool { if case .ended = state { true } else { false } }

    public func feed(_ chunk: UnsafeRawBufferPointer) throws {
        var rest = chunk[...]
        while !rest.isEmpty {
            switch state {
            case .ended:
                offset += Int64(rest.count)
                return
            case .header:
                let take = min(Self.blockSize - block.count, rest.count)
                block.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
                rest = rest.dropFirst(take)
                offset += Int64(take)
                if block.count == Self.blockSize {
                    try parseHeader()
                    block.removeAll(keepingCapacity: true)
                }
            case .content(let entry, let remaining):
                let take = Int(min(Int64(rest.count), remaining))
                try handler(.data(UnsafeRawBufferPointer(rebasing: rest.prefix(take))))
                rest = rest.dropFirst(take)
                offset += Int64(take)
                if remaining - Int64(take) == 0 {
                    try handler(.end(entry))
                    state = pendingPadding > 0 ? .padding(remaining: pendingPadding) : .header
                } else {
                    state = .content(entry: entry, remaining: remaining - Int64(take))
                }
            case .meta(let type, let remaining):
                let take = Int(min(Int64(rest.count), remaining))
                meta.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
                rest = rest.dropFirst(take)
                offset += Int64(take)
                if remaining - Int64(take) == 0 {
                    finishMeta(type: type)
                    state = pendingPadding > 0 ? .padding(remaining: pendingPadding) : .header
                } else {
                    state = .meta(type: type, remaining: remaining - Int64(take))
                }
            case .padding(let remaining):
                let take = min(rest.count, remaining)
                rest = rest.dropFirst(take)
                offset += Int64(take)
                state = remaining - take == 0 ? .header : .padding(remaining: remaining - take)
            }
        }
    }

    /// Checks that the stream did not stop inside an entry. A stream that ends on a header boundary
    /// without the end-of-archive marker is accepted, as `tar` accepts it.
    public func finish() throws {
        switch state {
        case .ended: return
        case .header where block.isEmpty: return
        default: throw TarStreamError(kind: .truncated, offset: offset)
        }
    }

    private func parseHeader() throws {
        headerOffset = offset - Int64(Self.blockSize)
        if block.allSatisfy({ $0 == 0 }) {
            state = .ended // the first zero block ends the archive; what follows is padding
            return
        }
        guard let size = Self.size(block), Self.checksumMatches(block) else {
            throw TarStreamError(kind: .badHeader, offset: headerOffset)
        }
        let type = block[156]
        pendingPadding = Int((Int64(Self.blockSize) - size % Int64(Self.blockSize)) % Int64(Self.blockSize))
        switch type {
        case UInt8(ascii: "x"), UInt8(ascii: "g"), UInt8(ascii: "L"), UInt8(ascii: "K"):
            guard size <= Self.maxMetaSize else { throw TarStreamError(kind: .badHeader, offset: headerOffset) }
            meta.removeAll(keepingCapacity: true)
            state = size == 0 ? .header : .meta(type: type, remaining: size)
            if size == 0 { finishMeta(type: type) }
            return
        default:
            break
        }
        let rawName = longName ?? Self.headerName(block)
        longName = nil
        let isDirectory = type == UInt8(ascii: "5")
        let kind: TarStreamEntry.Kind
        switch SourceEntryPath.classify(rawName, isDirectory: isDirectory) {
        case .file(let path):
            let isRegular = type == 0 || type == UInt8(ascii: "0") || type == UInt8(ascii: "7")
            kind = isRegular ? .file : .other(type: type)
            try begin(TarStreamEntry(path: path, size: size, kind: kind, offset: headerOffset), size: size)
        case .directory:
            try begin(TarStreamEntry(path: rawName, size: size, kind: .directory, offset: headerOffset), size: size)
        case .skipped, .unsafe:
            try begin(TarStreamEntry(path: rawName, size: size, kind: .unsafe(name: rawName), offset: headerOffset), size: size)
        }
    }

    private func begin(_ entry: TarStreamEntry, size: Int64) throws {
        try handler(.begin(entry))
        if size > 0 {
            if entry.kind == .file {
                state = .content(entry: entry, remaining: size)
            } else {
                // Contents of non-files are passed over (not handed out).
                try handler(.end(entry))
                state = .padding(remaining: Int(size) + pendingPadding)
            }
        } else {
            try handler(.end(entry))
            state = .header
        }
    }

    private func finishMeta(type: UInt8) {
        let text = String(decoding: meta, as: UTF8.self)
        switch type {
        case UInt8(ascii: "L"):
            longName = String(text.prefix { $0 != "\0" })
        case UInt8(ascii: "x"):
            // Records are "<length> key=value\n".
            for record in text.split(separator: "\n") {
                if let space = record.firstIndex(of: " "), record[record.index(after: space)...].hasPrefix("path=") {
                    longName = String(record[record.index(space, offsetBy: 6)...])
                }
            }
        default:
            break
        }
    }

    private static func headerName(_ block: [UInt8]) -> String {
        let name = field(block, 0, 100)
        let isUstar = Array(block[257..<262]) == Array("ustar".utf8)
        let prefix = isUstar ? field(block, 345, 155) : ""
        return prefix.isEmpty ? name : prefix + "/" + name
    }

    private static func field(_ block: [UInt8], _ start: Int, _ length: Int) -> String {
        String(decoding: block[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func octal(_ block: [UInt8], _ start: Int, _ length: Int) -> Int64? {
        var value: Int64 = 0
        var sawDigit = false
        for byte in block[start..<start + length] {
            if byte == 0 || byte == 0x20 { if sawDigit { break } else { continue } }
            guard (0x30...0x37).contains(byte), value < Int64.max >> 3 else { return nil }
            value = value << 3 | Int64(byte - 0x30)
            sawDigit = true
        }
        return value
    }

    /// The size field: octal, or GNU base-256 for sizes beyond 8 GiB.
    private static func size(_ block: [UInt8]) -> Int64? {
        guard block[124] & 0x80 != 0 else { return octal(block, 124, 12) }
        var value: Int64 = 0
        for byte in block[125..<136] {
            guard value < Int64.max >> 8 else { return nil }
            value = value << 8 | Int64(byte)
        }
        return value
    }

    private static func checksumMatches(_ block: [UInt8]) -> Bool {
        guard let stored = octal(block, 148, 8) else { return false }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (index, byte) in block.enumerated() {
            let value = (148..<156).contains(index) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }
}
