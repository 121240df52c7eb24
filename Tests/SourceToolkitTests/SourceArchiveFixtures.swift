import Foundation
import TestSupport

/// Test helpers for `SourceArchive`: the `zip` CLI on a folder, and zip files built byte by
/// byte (for names without the UTF-8 flag, unsafe names and corrupt CRCs, which `zip` will not write).
enum SourceArchiveFixtures {
    static func temporaryDirectory() throws -> URL { try TemporaryDirectory.make("source-archive-tests") }

    static func writeTree(_ files: [String: Data], at root: URL) throws { try TemporaryDirectory.writeTree(files, at: root) }

    /// Runs `zip -r -q [extra] archive .` inside `folder`.
    static func zipFolder(_ folder: URL, to archive: URL, extraArguments: [String] = []) throws {
        let result = try ExternalTool.run("zip", ["-r", "-q"] + extraArguments + [archive.path, "."], in: folder)
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    struct RawEntry {
        var name: [UInt8]
        var data: [UInt8]
        var flags: UInt16 = 0
        var crcOverride: UInt32? = nil
        /// Unix mode for the external attributes (e.g. 0o120777 for a symlink); nil: MS-DOS host, no mode.
        var unixMode: UInt32? = nil
        /// Writes the central record's local-header offset as 0xFFFFFFFF plus a ZIP64 extra with this value.
        var zip64OffsetOverride: UInt64? = nil
    }

    /// A zip of stored (uncompressed) entries with exactly the given name bytes and flags.
    static func handBuiltZip(_ entries: [RawEntry]) -> Data {
        var out = [UInt8]()
        var central = [UInt8]()
        func u16(_ v: UInt16, _ buffer: inout [UInt8]) { buffer += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32, _ buffer: inout [UInt8]) { u16(UInt16(v & 0xFFFF), &buffer); u16(UInt16(v >> 16), &buffer) }
        for entry in entries {
            let offset = UInt32(out.count)
            let crc = entry.crcOverride ?? crc32(entry.data)
            u32(0x0403_4b50, &out); u16(20, &out); u16(entry.flags, &out); u16(0, &out); u16(0, &out); u16(0x21, &out)
            u32(crc, &out); u32(UInt32(entry.data.count), &out); u32(UInt32(entry.data.count), &out)
            u16(UInt16(entry.name.count), &out); u16(0, &out)
            out += entry.name
            out += entry.data
            u32(0x0201_4b50, &central); u16(entry.unixMode == nil ? 20 : 0x0314, &central); u16(20, &central); u16(entry.flags, &central)
            u16(0, &central); u16(0, &central); u16(0x21, &central)
            u32(crc, &central); u32(UInt32(entry.data.count), &central); u32(UInt32(entry.data.count), &central)
            u16(UInt16(entry.name.count), &central); u16(entry.zip64OffsetOverride == nil ? 0 : 12, &central)
            u16(0, &central); u16(0, &central); u16(0, &central)
            u32((entry.unixMode ?? 0) << 16, &central); u32(entry.zip64OffsetOverride == nil ? offset : 0xFFFF_FFFF, &central)
            central += entry.name
            if let override = entry.zip64OffsetOverride {
                u16(1, &central); u16(8, &central)
                u32(UInt32(truncatingIfNeeded: override), &central); u32(UInt32(override >> 32), &central)
            }
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4b50, &out); u16(0, &out); u16(0, &out)
        u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return Data(out)
    }

    /// Bitwise CRC-32 (independent of the code under test).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
