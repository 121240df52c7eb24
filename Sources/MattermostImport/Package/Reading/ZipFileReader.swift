import Foundation

/// Reads a zip file: its central directory (ZIP64 aware), then any entry as a stream of inflated chunks,
/// with size and CRC checks. Used for source exports (`SourceArchive`) and packages.
///
/// Hand-written rather than ZIPFoundation's `Archive`: `Archive` shares one `FILE*` (no concurrent reads),
/// looks entries up by scanning the whole directory, and its Linux inflate loop never ends on a deflate
/// stream cut short by the end of the file. Here reads use `pread`, so any number of threads may call
/// `read` at once, and every offset from the file is bounds-checked (a damaged zip gives a
/// `ArchiveError`, never a trap or a hang).
///
/// Two ways to list: `forEachEntry` streams the directory with flat memory (for exports with millions of
/// entries; callers keep the `Location`s they need), `entries` holds the whole listing (read at open).
public final class ZipFileReader: Sendable {
    /// One central-directory entry, in directory order.
    public struct Entry: Sendable, Hashable {
        /// The name decoded as UTF-8 (flagged or valid), else as code page 437; not normalised.
        public let name: String
        public let uncompressedSize: UInt64
        public let compressedSize: UInt64
        public let crc32: UInt32
        /// A directory entry (trailing `/` or directory attributes).
        public let isDirectory: Bool
        /// A Unix symbolic link (its data is the link target).
        public let isSymbolicLink: Bool
        /// Position in the central directory.
        public let index: Int
        /// Where the entry's data is and how to check it: enough to read it without the listing.
        public let location: Location
    }

    /// What reading one entry needs, as a small standalone value (no reference to the listing).
    public struct Location: Sendable, Hashable {
        public let localHeaderOffset: UInt64
        public let compressedSize: UInt64
        public let uncompressedSize: UInt64
        public let crc32: UInt32
        public let compressionMethod: UInt16
        public let flags: UInt16

        public init(localHeaderOffset: UInt64, compressedSize: UInt64, uncompressedSize: UInt64,
                    crc32: UInt32, compressionMethod: UInt16, flags: UInt16) {
            self.localHeaderOffset = localHeaderOffset
            self.compressedSize = compressedSize
            self.uncompressedSize = uncompressedSize
            self.crc32 = crc32
            self.compressionMethod = compressionMethod
            self.flags = flags
        }

        init(_ record: ZipCentralDirectoryRecord) {
            self.init(localHeaderOffset: record.localHeaderOffset, compressedSize: record.compressedSize,
                      uncompressedSize: record.uncompressedSize, crc32: record.crc32,
                      compressionMethod: record.compressionMethod, flags: record.flags)
        }

        var record: ZipCentralDirectoryRecord {
            ZipCentralDirectoryRecord(nameBytes: [], flags: flags, compressionMethod: compressionMethod, crc32: crc32,
                                      compressedSize: compressedSize, uncompressedSize: uncompressedSize,
                                      localHeaderOffset: localHeaderOffset, versionMadeBy: 0, externalAttributes: 0)
        }
    }

    public let url: URL
    /// Entries in central-directory order; empty when opened with `keepingEntries: false`.
    public let entries: [Entry]
    private let file: RandomAccessFile

    /// Opens `url` and reads its central directory.
    /// - Parameter keepingEntries: false reads only the end record (checking the directory's bounds) and
    ///   keeps no listing: callers walk it with `forEachEntry`, memory flat however many entries there are.
    public init(url: URL, keepingEntries: Bool = true) throws {
        self.url = url
        file = try RandomAccessFile(path: url.path, displayName: url.lastPathComponent)
        guard keepingEntries else {
            try ZipCentralDirectory.checkLocatable(file)
            entries = []
            return
        }
        var entries: [Entry] = []
        try Self.forEachEntry(in: file) { entries.append($0) }
        self.entries = entries
    }

    /// Calls `body` with every entry in central-directory order, reading the directory in bounded chunks
    /// (memory does not grow with the number of entries). Nothing is kept.
    public func forEachEntry(_ body: (Entry) throws -> Void) throws {
        try Self.forEachEntry(in: file, body)
    }

    private static func forEachEntry(in file: RandomAccessFile, _ body: (Entry) throws -> Void) throws {
        var index = 0
        try ZipCentralDirectory.forEach(file) { record in
            guard let name = ZipNameDecoding.decode(record.nameBytes, flaggedUTF8: record.isUTF8) else {
                throw ArchiveError(.damagedArchive, archive: file.displayName,
                                   entry: String(decoding: record.nameBytes, as: UTF8.self),
                                   message: "entry name is flagged UTF-8 but is not valid UTF-8")
            }
            try body(Entry(name: name, uncompressedSize: record.uncompressedSize,
                           compressedSize: record.compressedSize, crc32: record.crc32,
                           isDirectory: record.hasDirectoryAttribute || name.hasSuffix("/"),
                           isSymbolicLink: record.isSymbolicLink, index: index, location: Location(record)))
            index += 1
        }
    }

    /// Streams the entry's contents in chunks of at most 64 KiB (valid only during the call), then checks
    /// the size and CRC. `displayName` names the entry in errors (default: its stored name).
    public func read(_ entry: Entry, displayName: String? = nil, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        try read(entry.location, name: displayName ?? entry.name, chunk: chunk)
    }

    /// Streams the entry at `location` (from `forEachEntry`); `name` names the entry in errors.
    public func read(_ location: Location, name: String, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        try ZipEntryReader.read(location.record, name: name, from: file, chunk: chunk)
    }
}
