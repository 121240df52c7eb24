/// Byte layouts of the zip records the package writer emits (APPNOTE 6.3.x §4.3), all little-endian.
///
/// Every entry gets: UTF-8 flag (bit 11), DOS time 1980-01-01 00:00, Unix mode 0644, "made by" Unix — fixed
/// values so that the same calls give byte-identical packages.
enum ZipRecordLayout {
    static let localHeaderSignature: UInt32 = 0x0403_4b50
    static let centralHeaderSignature: UInt32 = 0x0201_4b50
    static let endSignature: UInt32 = 0x0605_4b50
    static let zip64EndSignature: UInt32 = 0x0606_4b50
    static let zip64LocatorSignature: UInt32 = 0x0706_4b50

    static let utf8Flag: UInt16 = 1 << 11
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1  // 1980-01-01
    static let versionDefault: UInt16 = 20
    static let versionZIP64: UInt16 = 45
    static let madeByUnix: UInt16 = 3 << 8
    static let regularFileMode: UInt32 = 0o100644 << 16

    static let zip64ExtraID: UInt16 = 0x0001
    /// Header id of the placeholder extra in local headers; unknown ids are skipped by every reader.
    static let paddingExtraID: UInt16 = 0x4D4D
    /// Local headers reserve 4 + 16 bytes of extra: room for a ZIP64 extra with both sizes.
    static let reservedLocalExtra = 20
    static let localHeaderFixedSize = 30

    /// Sizes and offsets at or above this need ZIP64 (tests lower it to exercise ZIP64 cheaply).
    static let zip64Limit: UInt64 = 0xFFFF_FFFF
    static let zip64EntryCountLimit = 0xFFFF

    enum Method: UInt16, Sendable {
        case stored = 0
        case deflated = 8
    }

    /// The local header written before the data, with zero CRC/sizes and the reserved extra; patched by
    /// `patchLocalHeader` once the data is written.
    static func localHeader(name: [UInt8], method: Method) -> [UInt8] {
        var bytes = ByteWriter(capacity: localHeaderFixedSize + name.count + reservedLocalExtra)
        bytes.u32(localHeaderSignature)
        bytes.u16(versionDefault)
        bytes.u16(utf8Flag)
        bytes.u16(method.rawValue)
        bytes.u16(dosTime)
        bytes.u16(dosDate)
        bytes.u32(0)
        bytes.u32(0)
        bytes.u32(0)
        bytes.u16(UInt16(name.count))
        bytes.u16(UInt16(reservedLocalExtra))
        bytes.append(name)
        bytes.u16(paddingExtraID)
        bytes.u16(16)
        bytes.u64(0)
        bytes.u64(0)
        return bytes.bytes
    }

    /// Fills CRC and sizes into a local header made by `localHeader` (in place); switches the reserved extra
    /// to a ZIP64 extra when a size reaches `limit`.
    static func patchLocalHeader(_ header: UnsafeMutableRawBufferPointer, nameLength: Int, crc: UInt32,
                                 compressedSize: UInt64, uncompressedSize: UInt64, limit: UInt64) {
        let zip64 = compressedSize >= limit || uncompressedSize >= limit
        store(zip64 ? versionZIP64 : versionDefault, at: 4, in: header)
        store(crc, at: 14, in: header)
        store(zip64 ? UInt32.max : UInt32(compressedSize), at: 18, in: header)
        store(zip64 ? UInt32.max : UInt32(uncompressedSize), at: 22, in: header)
        if zip64 {
            let extra = localHeaderFixedSize + nameLength
            store(zip64ExtraID, at: extra, in: header)
            store(UInt16(16), at: extra + 2, in: header)
            store(uncompressedSize, at: extra + 4, in: header)
            store(compressedSize, at: extra + 12, in: header)
        }
    }

    struct CentralRecord {
        var name: [UInt8]
        var method: Method
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    /// A central directory file header, with a ZIP64 extra carrying exactly the fields that reach `limit`.
    static func centralHeader(_ record: CentralRecord, limit: UInt64, into bytes: inout ByteWriter) {
        var zip64Fields: [UInt64] = []
        if record.uncompressedSize >= limit { zip64Fields.append(record.uncompressedSize) }
        if record.compressedSize >= limit { zip64Fields.append(record.compressedSize) }
        if record.localHeaderOffset >= limit { zip64Fields.append(record.localHeaderOffset) }
        let needed = zip64Fields.isEmpty ? versionDefault : versionZIP64
        bytes.u32(centralHeaderSignature)
        bytes.u16(madeByUnix | needed)
        bytes.u16(needed)
        bytes.u16(utf8Flag)
        bytes.u16(record.method.rawValue)
        bytes.u16(dosTime)
        bytes.u16(dosDate)
        bytes.u32(record.crc)
        bytes.u32(record.compressedSize >= limit ? UInt32.max : UInt32(record.compressedSize))
        bytes.u32(record.uncompressedSize >= limit ? UInt32.max : UInt32(record.uncompressedSize))
        bytes.u16(UInt16(record.name.count))
        bytes.u16(zip64Fields.isEmpty ? 0 : UInt16(4 + 8 * zip64Fields.count))
        bytes.u16(0)  // comment
        bytes.u16(0)  // disk number start
        bytes.u16(0)  // internal attributes
        bytes.u32(regularFileMode)
        bytes.u32(record.localHeaderOffset >= limit ? UInt32.max : UInt32(record.localHeaderOffset))
        bytes.append(record.name)
        if !zip64Fields.isEmpty {
            bytes.u16(zip64ExtraID)
            bytes.u16(UInt16(8 * zip64Fields.count))
            for field in zip64Fields { bytes.u64(field) }
        }
    }

    /// End records: ZIP64 end record + locator when the count, size or offset need them, then the classic
    /// end-of-central-directory record.
    static func endRecords(entryCount: Int, directoryOffset: UInt64, directorySize: UInt64,
                           limit: UInt64, countLimit: Int) -> [UInt8] {
        var bytes = ByteWriter(capacity: 98)
        let zip64 = entryCount >= countLimit || directoryOffset >= limit || directorySize >= limit
        if zip64 {
            let recordOffset = directoryOffset + directorySize
            bytes.u32(zip64EndSignature)
            bytes.u64(44)  // size of the remaining record
            bytes.u16(madeByUnix | versionZIP64)
            bytes.u16(versionZIP64)
            bytes.u32(0)
            bytes.u32(0)
            bytes.u64(UInt64(entryCount))
            bytes.u64(UInt64(entryCount))
            bytes.u64(directorySize)
            bytes.u64(directoryOffset)
            bytes.u32(zip64LocatorSignature)
            bytes.u32(0)
            bytes.u64(recordOffset)
            bytes.u32(1)
        }
        let count = entryCount >= countLimit ? UInt16.max : UInt16(entryCount)
        bytes.u32(endSignature)
        bytes.u16(0)
        bytes.u16(0)
        bytes.u16(count)
        bytes.u16(count)
        bytes.u32(directorySize >= limit ? UInt32.max : UInt32(directorySize))
        bytes.u32(directoryOffset >= limit ? UInt32.max : UInt32(directoryOffset))
        bytes.u16(0)
        return bytes.bytes
    }

    private static func store<T: FixedWidthInteger>(_ value: T, at offset: Int, in buffer: UnsafeMutableRawBufferPointer) {
        withUnsafeBytes(of: value.littleEndian) { source in
            UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<(offset + source.count)]).copyMemory(from: source)
        }
    }
}

/// Appends little-endian integers and bytes to an array.
struct ByteWriter {
    var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    mutating func u16(_ value: UInt16) { bytes.append(UInt8(truncatingIfNeeded: value)); bytes.append(UInt8(value >> 8)) }
    mutating func u32(_ value: UInt32) { u16(UInt16(truncatingIfNeeded: value)); u16(UInt16(value >> 16)) }
    mutating func u64(_ value: UInt64) { u32(UInt32(truncatingIfNeeded: value)); u32(UInt32(value >> 32)) }
    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}
