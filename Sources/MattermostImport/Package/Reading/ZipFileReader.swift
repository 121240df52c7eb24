import Foundation

/// Reads a zip file: its central directory once at open (ZIP64 aware), then any entry as a stream of
/// inflated chunks, with size and CRC checks. Used for source exports (`SourceArchive`) and packages.
///
/// Hand-written rather than ZIPFoundation's `Archive`: `Archive` shares one `FILE*` (no concurrent reads),
/// looks entries up by scanning the whole directory, and its Linux inflate loop never ends on a deflate
/// stream cut short by the end of the file. Here reads use `pread`, so any number of threads may call
/// `read` at once, and every offset from the file is bounds-checked (a damaged zip gives a
/// `ZipReadError`, never a trap or a hang).
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
    }

    public let url: URL
    /// Entries in central-directory order.
    public let entries: [Entry]
    private let file: RandomAccessFile
    private let records: [ZipCentralDirectoryRecord]

    /// Opens `url` and reads its central directory.
    public init(url: URL) throws {
        self.url = url
        let file = try RandomAccessFile(path: url.path, displayName: url.lastPathComponent)
        let records = try ZipCentralDirectory.read(file)
        var entries: [Entry] = []
        entries.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            guard let name = ZipNameDecoding.decode(record.nameBytes, flaggedUTF8: record.isUTF8) else {
                throw ZipReadError(.damagedArchive, archive: file.displayName,
                                   entry: String(decoding: record.nameBytes, as: UTF8.self),
                                   message: "entry name is flagged UTF-8 but is not valid UTF-8")
            }
            entries.append(Entry(name: name, uncompressedSize: record.uncompressedSize,
                                 compressedSize: record.compressedSize, crc32: record.crc32,
                                 isDirectory: record.hasDirectoryAttribute || name.hasSuffix("/"),
                                 isSymbolicLink: record.isSymbolicLink, index: index))
        }
        self.file = file
        self.records = records
        self.entries = entries
    }

    /// Streams the entry's contents in chunks of at most 64 KiB (valid only during the call), then checks
    /// the size and CRC. `displayName` names the entry in errors (default: its stored name).
    public func read(_ entry: Entry, displayName: String? = nil, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        let name = displayName ?? entry.name
        guard records.indices.contains(entry.index) else {
            throw ZipReadError(.damagedArchive, archive: file.displayName, entry: name, message: "no such entry in this zip")
        }
        try ZipEntryReader.read(records[entry.index], name: name, from: file, chunk: chunk)
    }
}
