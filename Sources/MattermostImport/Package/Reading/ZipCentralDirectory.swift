/// One entry of a zip central directory, as stored (name not yet normalised).
struct ZipCentralDirectoryRecord: Sendable {
    var nameBytes: [UInt8]
    var flags: UInt16
    var compressionMethod: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    var versionMadeBy: UInt16
    var externalAttributes: UInt32

    var isUTF8: Bool { flags & (1 << 11) != 0 }
    var isEncrypted: Bool { flags & 1 != 0 }

    /// Unix or MS-DOS directory attribute (a trailing `/` is checked on the name).
    var hasDirectoryAttribute: Bool {
        let host = versionMadeBy >> 8
        if host == 3 || host == 19 { return (externalAttributes >> 16) & 0o170000 == 0o040000 }
        return host == 0 && externalAttributes & 0x10 != 0
    }

    var isSymbolicLink: Bool {
        let host = versionMadeBy >> 8
        return (host == 3 || host == 19) && (externalAttributes >> 16) & 0o170000 == 0o120000
    }
}

/// Reads a zip's central directory (ZIP64 aware) in one sequential pass.
///
/// Hand-written rather than ZIPFoundation's `Archive` iteration because `Archive` does not expose entry
/// data offsets, shares one `FILE*` (no concurrent reads), and its Linux inflate loop does not stop on
/// truncated input; reading the directory ourselves lets entries be read with `pread` from any thread.
enum ZipCentralDirectory {
    static func read(_ file: RandomAccessFile) throws -> [ZipCentralDirectoryRecord] {
        var records: [ZipCentralDirectoryRecord] = []
        try forEach(file) { records.append($0) }
        return records
    }

    /// Calls `body` with each record in directory order, reading the directory in 1 MiB windows: memory
    /// stays flat however many entries the zip holds.
    static func forEach(_ file: RandomAccessFile, _ body: (ZipCentralDirectoryRecord) throws -> Void) throws {
        let (count, directoryOffset, directorySize) = try locate(file)
        guard directorySize <= file.size, directoryOffset <= file.size - directorySize else {
            throw damaged(file, "central directory lies beyond the end of the file (the zip is truncated; download the export again)")
        }
        var cursor = ByteWindow(file: file, start: directoryOffset, end: directoryOffset + directorySize)
        for index in 0..<count {
            guard try cursor.available(46), cursor.u32(0) == 0x0201_4b50 else {
                throw damaged(file, "central directory entry \(index + 1) of \(count) is damaged")
            }
            let nameLength = Int(cursor.u16(28))
            let extraLength = Int(cursor.u16(30))
            let commentLength = Int(cursor.u16(32))
            var record = ZipCentralDirectoryRecord(
                nameBytes: [], flags: cursor.u16(8), compressionMethod: cursor.u16(10), crc32: cursor.u32(16),
                compressedSize: UInt64(cursor.u32(20)), uncompressedSize: UInt64(cursor.u32(24)),
                localHeaderOffset: UInt64(cursor.u32(42)), versionMadeBy: cursor.u16(4),
                externalAttributes: cursor.u32(38))
            guard try cursor.available(46 + nameLength + extraLength + commentLength) else {
                throw damaged(file, "central directory entry \(index + 1) of \(count) is truncated")
            }
            record.nameBytes = cursor.bytes(46, nameLength)
            applyZIP64Extra(&record, cursor: cursor, extraStart: 46 + nameLength, extraLength: extraLength)
            cursor.advance(46 + nameLength + extraLength + commentLength)
            try body(record)
        }
    }

    /// Throws unless the end-of-central-directory record is found and the directory lies inside the file.
    static func checkLocatable(_ file: RandomAccessFile) throws {
        let (_, directoryOffset, directorySize) = try locate(file)
        guard directorySize <= file.size, directoryOffset <= file.size - directorySize else {
            throw damaged(file, "central directory lies beyond the end of the file (the zip is truncated; download the export again)")
        }
    }

    /// Replaces 0xFFFFFFFF sizes/offset with the values of the ZIP64 extended-information extra field.
    private static func applyZIP64Extra(_ record: inout ZipCentralDirectoryRecord, cursor: ByteWindow,
                                        extraStart: Int, extraLength: Int) {
        var position = extraStart
        let end = extraStart + extraLength
        while position + 4 <= end {
            let id = cursor.u16(position)
            let size = Int(cursor.u16(position + 2))
            var field = position + 4
            let fieldEnd = min(field + size, end)
            if id == 0x0001 {
                if record.uncompressedSize == 0xFFFF_FFFF, field + 8 <= fieldEnd {
                    record.uncompressedSize = cursor.u64(field); field += 8
                }
                if record.compressedSize == 0xFFFF_FFFF, field + 8 <= fieldEnd {
                    record.compressedSize = cursor.u64(field); field += 8
                }
                if record.localHeaderOffset == 0xFFFF_FFFF, field + 8 <= fieldEnd {
                    record.localHeaderOffset = cursor.u64(field)
                }
                return
            }
            position += 4 + size
        }
    }

    /// Finds the end-of-central-directory record (and the ZIP64 one when present): entry count, offset and
    /// size of the central directory.
    private static func locate(_ file: RandomAccessFile) throws -> (UInt64, UInt64, UInt64) {
        let tailLength = Int(min(file.size, UInt64(22 + 0xFFFF)))
        guard tailLength >= 22 else { throw notZip(file) }
        let tailStart = file.size - UInt64(tailLength)
        let tail = try file.readBytes(at: tailStart, count: tailLength)
        var eocd = -1
        var position = tailLength - 22
        while position >= 0 {
            if tail[position] == 0x50, tail[position + 1] == 0x4b, tail[position + 2] == 5, tail[position + 3] == 6 {
                eocd = position
                break
            }
            position -= 1
        }
        guard eocd >= 0 else { throw notZip(file) }
        func u16(_ at: Int) -> UInt64 { UInt64(tail[at]) | UInt64(tail[at + 1]) << 8 }
        func u32(_ at: Int) -> UInt64 { u16(at) | u16(at + 2) << 16 }
        var count = u16(eocd + 10)
        var size = u32(eocd + 12)
        var offset = u32(eocd + 16)
        let eocdOffset = tailStart + UInt64(eocd)
        if eocdOffset >= 20 {
            let locator = try file.readBytes(at: eocdOffset - 20, count: 20)
            if locator[0] == 0x50, locator[1] == 0x4b, locator[2] == 6, locator[3] == 7 {
                var recordOffset: UInt64 = 0
                for i in 0..<8 { recordOffset |= UInt64(locator[8 + i]) << (8 * UInt64(i)) }
                guard file.size >= 56, recordOffset <= file.size - 56 else {
                    throw damaged(file, "ZIP64 end of central directory lies beyond the end of the file")
                }
                let record = try file.readBytes(at: recordOffset, count: 56)
                guard record[0] == 0x50, record[1] == 0x4b, record[2] == 6, record[3] == 6 else {
                    throw damaged(file, "ZIP64 end of central directory record is damaged")
                }
                func u64(_ at: Int) -> UInt64 {
                    var value: UInt64 = 0
                    for i in 0..<8 { value |= UInt64(record[at + i]) << (8 * UInt64(i)) }
                    return value
                }
                count = u64(32)
                size = u64(40)
                offset = u64(48)
            }
        }
        return (count, offset, size)
    }

    static func damaged(_ file: RandomAccessFile, _ message: String) -> ArchiveError {
        ArchiveError(.damagedArchive, archive: file.displayName, message: message)
    }

    private static func notZip(_ file: RandomAccessFile) -> ArchiveError {
        ArchiveError(.notAZipArchive, archive: file.displayName,
                           message: "not a zip archive (no end-of-central-directory record; the file may be truncated)")
    }
}

/// A sliding window over a byte range of a file, refilled in 1 MiB reads, for sequential parsing.
private struct ByteWindow {
    let file: RandomAccessFile
    var bufferStart: UInt64
    let end: UInt64
    var buffer: [UInt8] = []
    var position = 0

    init(file: RandomAccessFile, start: UInt64, end: UInt64) {
        self.file = file
        self.bufferStart = start
        self.end = end
    }

    /// Makes `count` bytes from the current position readable; false if the range ends first.
    mutating func available(_ count: Int) throws -> Bool {
        if buffer.count - position >= count { return true }
        bufferStart += UInt64(position)
        buffer.removeFirst(position)
        position = 0
        let remaining = end - (bufferStart + UInt64(buffer.count))
        let wanted = UInt64(max(count, 1 << 20) - buffer.count)
        let toRead = Int(min(remaining, wanted))
        if toRead > 0 {
            buffer += try file.readBytes(at: bufferStart + UInt64(buffer.count), count: toRead)
        }
        return buffer.count >= count
    }

    mutating func advance(_ count: Int) { position += count }

    func u16(_ at: Int) -> UInt16 { UInt16(buffer[position + at]) | UInt16(buffer[position + at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
    func bytes(_ at: Int, _ count: Int) -> [UInt8] { Array(buffer[(position + at)..<(position + at + count)]) }
}
