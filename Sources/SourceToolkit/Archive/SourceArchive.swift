import Foundation
import MattermostImport

/// A source export — a `.zip` file or an unpacked folder — seen as a sorted list of files with normalised
/// relative paths, read as streams. Every source reader (Slack, HipChat, …) opens its input through this.
///
/// - Paths are `/`-separated, NFC, without `__MACOSX/`, `._*` or `.DS_Store` files (those are counted in
///   `skippedEntryCount` and walked with `forEachSkippedEntry`), and relative to the export's real root: an export wrapped in one extra top-level
///   folder (`export/users.json`) has that folder stripped when `rootMarkers` identify the root.
/// - Entry names that escape the export (`..`, absolute paths) make `init` throw, naming the entry.
/// - Zip names without the UTF-8 flag are read as UTF-8 when valid, else as code page 437.
/// - Thread safety: the archive is immutable after `init` and reads use `pread`, so `read` and `readAll`
///   may run on any number of threads at once on the same instance; listing queries are serialised by the
///   listing store.
/// - Memory stays flat as exports grow: the listing lives in an on-disk SQLite store (`SourceEntryStore`).
public final class SourceArchive: Sendable {
    /// One file of the export.
    public struct Entry: Sendable, Hashable {
        /// Normalised path relative to the export root, e.g. `channels/general/2024-01-01.json`.
        public let path: String
        /// Size of the file's contents in bytes (as recorded in the zip, or from the file system).
        public let uncompressedSize: UInt64
        /// The name as stored in the zip or below the folder, for messages (includes any wrapper folder).
        public let storedName: String
        /// Where a zip entry's data is; nil for a file of a folder export.
        let location: ZipFileReader.Location?
    }

    /// Why a file of the export is not offered to readers; callers count these in their run report.
    public enum SkipReason: String, Sendable, Hashable {
        case macOSMetadata = "macOS metadata file (__MACOSX, ._*, .DS_Store)"
        case symbolicLink = "symbolic link"
        case duplicatePath = "duplicate path (a second entry with the same normalised name)"
    }

    public struct SkippedEntry: Sendable, Hashable {
        public let storedName: String
        public let reason: SkipReason
    }

    public enum Kind: Sendable { case zip, directory }

    /// The export as given.
    public let url: URL
    public let kind: Kind
    /// The wrapper folder that was stripped (`"export/"`), or `""`.
    public let strippedPrefix: String
    /// Number of files offered to readers.
    public let entryCount: Int
    /// Number of entries not offered to readers (see `forEachSkippedEntry`).
    public let skippedEntryCount: Int

    private let displayName: String
    private let zip: ZipFileReader?
    private let store: SourceEntryStore
    /// Entries fetched per query when walking the whole listing.
    private static let pageSize = 2_048

    /// Opens a `.zip` file or a folder.
    /// - Parameter rootMarkers: paths that exist at the root of a well-formed export (e.g. `["users.json",
    ///   "channels.json"]`). When none of them is at the root but all files sit in one top-level folder that
    ///   holds one of them, that folder is stripped. Empty: never strip.
    public init(url: URL, rootMarkers: [String] = []) throws {
        self.url = url
        let displayName = url.lastPathComponent
        self.displayName = displayName
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ArchiveError(.inputNotFound, archive: displayName,
                                     message: "no such file or folder (pass a .zip export or an unpacked export folder)")
        }
        let zip: ZipFileReader?
        if isDirectory.boolValue {
            kind = .directory
            zip = nil
        } else {
            kind = .zip
            zip = try ZipFileReader(url: url, keepingEntries: false)
        }
        self.zip = zip
        let store = try Self.mappingStoreErrors(displayName) { try SourceEntryStore(isZip: zip != nil) }
        self.store = store

        var wrapper = WrapperFolderDetector(rootMarkers: rootMarkers)
        try Self.mappingStoreErrors(displayName) {
            try store.build { inserter in
                var seq = 0
                func add(stored: String, outcome: SourceEntryPath.Outcome, size: UInt64,
                         location: ZipFileReader.Location?) throws {
                    seq += 1
                    switch outcome {
                    case .file(let path):
                        wrapper.observe(path)
                        try inserter.insertFile(seq: seq, path: path, stored: stored, size: size, location: location)
                    case .directory: return
                    case .skipped(let reason): try inserter.insertSkipped(stored: stored, reason: reason)
                    case .unsafe:
                        throw ArchiveError(.unsafeEntryPath, archive: displayName, entry: stored,
                                                 message: "entry path escapes the export folder; refusing to read this export")
                    }
                }
                if let zip {
                    try zip.forEachEntry { entry in
                        var outcome = SourceEntryPath.classify(entry.name, isDirectory: entry.isDirectory)
                        if case .file = outcome, entry.isSymbolicLink { outcome = .skipped(.symbolicLink) }
                        try add(stored: entry.name, outcome: outcome, size: entry.uncompressedSize, location: entry.location)
                    }
                } else {
                    try Self.listDirectory(url.resolvingSymlinksInPath(), displayName: displayName) { stored, outcome, size in
                        try add(stored: stored, outcome: outcome, size: size, location: nil)
                    }
                }
            }
        }
        strippedPrefix = wrapper.prefix
        let counts = try Self.mappingStoreErrors(displayName) {
            try store.finish(strippingPrefix: wrapper.prefix)
            return (entries: try store.entryCount, skipped: try store.skippedCount)
        }
        entryCount = counts.entries
        skippedEntryCount = counts.skipped
    }

    /// Calls `body` with every file, sorted by path (UTF-8 byte order), fetching the listing in pages: memory
    /// stays flat, and `body` may query the archive (`entry(at:)`, `entries(under:)`).
    public func forEachEntry(_ body: (Entry) throws -> Void) throws {
        var last = ""
        while true {
            let page = try Self.mappingStoreErrors(displayName) {
                try store.entries(after: last, before: nil, limit: Self.pageSize)
            }
            for entry in page { try body(entry) }
            guard page.count == Self.pageSize, let final = page.last else { return }
            last = final.path
        }
    }

    /// Every file, sorted by path. Holds the whole listing in memory: for tests and small exports; readers
    /// walk large exports with `forEachEntry`.
    public func allEntries() throws -> [Entry] {
        var result: [Entry] = []
        try forEachEntry { result.append($0) }
        return result
    }

    /// Calls `body` with every entry not offered to readers, in the order found (callers count these in their
    /// run report). Paged like `forEachEntry`.
    public func forEachSkippedEntry(_ body: (SkippedEntry) throws -> Void) throws {
        var lastID: Int64 = 0
        while true {
            let page = try Self.mappingStoreErrors(displayName) { try store.skipped(afterID: lastID, limit: Self.pageSize) }
            for item in page { try body(item.entry) }
            guard page.count == Self.pageSize, let final = page.last else { return }
            lastID = final.id
        }
    }

    /// Every skipped entry, in memory (an export zipped by macOS Finder has one `._` file per file: walk
    /// large ones with `forEachSkippedEntry`).
    public func skippedEntries() throws -> [SkippedEntry] {
        var result: [SkippedEntry] = []
        try forEachSkippedEntry { result.append($0) }
        return result
    }

    /// The entry at `path` (normalised, relative to the export root), if present.
    public func entry(at path: String) throws -> Entry? {
        try Self.mappingStoreErrors(displayName) { try store.entry(at: SourceEntryPath.nfc(path)) }
    }

    /// Entries anywhere below the folder `prefix` (`"channels/general"` or `"channels/general/"`, so
    /// subfolders included), sorted by path; `""` gives every entry. An index range query; for folders
    /// that may hold very many files, page with `entries(under:after:limit:)`.
    public func entries(under prefix: String) throws -> [Entry] {
        var result: [Entry] = []
        var last: String?
        while true {
            let page = try entries(under: prefix, after: last, limit: Self.pageSize)
            result += page
            guard page.count == Self.pageSize, let final = page.last else { return result }
            last = final.path
        }
    }

    /// Up to `limit` entries below the folder `prefix` whose path sorts after `after` (nil: from the start).
    public func entries(under prefix: String, after: String?, limit: Int) throws -> [Entry] {
        var folder = SourceEntryPath.nfc(prefix)
        if !folder.isEmpty && !folder.hasSuffix("/") { folder += "/" }
        // Paths below "a/" sort in ["a/", "a0"): "0" is the byte after "/".
        let upper = folder.isEmpty ? nil : String(folder.dropLast()) + "0"
        return try Self.mappingStoreErrors(displayName) {
            try store.entries(after: max(after ?? folder, folder), before: upper, limit: limit)
        }
    }

    /// Streams the entry's contents in chunks (≤ 64 KiB), checking size and CRC for zip entries. The
    /// buffer is only valid during the call.
    public func read(_ entry: Entry, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let zip {
            guard let location = entry.location else {
                throw ArchiveError(.entryNotFound, archive: displayName, entry: entry.path, message: "no such entry in the export")
            }
            try zip.read(location, name: entry.storedName, chunk: chunk)
        } else {
            try DirectoryFileReader.read(url.appendingPathComponent(entry.storedName).path,
                                         archive: displayName, entry: entry.storedName, chunk: chunk)
        }
    }

    /// The entry's whole contents (for small files such as JSON day files).
    public func readAll(_ entry: Entry) throws -> Data {
        var data = Data()
        data.reserveCapacity(Int(min(entry.uncompressedSize, 16 << 20)))  // the recorded size may lie
        try read(entry) { data.append(contentsOf: $0) }
        return data
    }

    /// Returns the receiver: reads are already safe from any thread. Kept so callers written against a
    /// one-reader-per-thread model work unchanged.
    public func makeIndependentReader() -> SourceArchive { self }

    // MARK: - Listing helpers

    /// Errors of the on-disk listing store (a temporary file) as `ArchiveError`s.
    private static func mappingStoreErrors<T>(_ displayName: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ArchiveError {
            throw error
        } catch {
            throw ArchiveError(.unreadableInput, archive: displayName,
                                     message: "cannot keep the entry listing in the temporary folder (\(error); check free space in \(FileManager.default.temporaryDirectory.path))")
        }
    }

    private static func listDirectory(_ root: URL, displayName: String,
                                      _ body: (String, SourceEntryPath.Outcome, UInt64) throws -> Void) throws {
        let keys: [URLResourceKey] = [.isDirectoryKey, .isSymbolicLinkKey, .fileSizeKey]
        var failure: ArchiveError?
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: keys, options: [],
            errorHandler: { url, error in
                failure = ArchiveError(.unreadableInput, archive: displayName, entry: url.path,
                                             message: "cannot list (\(error.localizedDescription))")
                return false
            })
        else {
            throw ArchiveError(.unreadableInput, archive: displayName, message: "cannot list the folder")
        }
        let rootDepth = root.standardizedFileURL.pathComponents.count
        for case let fileURL as URL in enumerator {
            let values = try fileURL.resourceValues(forKeys: Set(keys))
            let relative = fileURL.standardizedFileURL.pathComponents.dropFirst(rootDepth).joined(separator: "/")
            if values.isSymbolicLink == true {
                try body(relative, .skipped(.symbolicLink), 0)
                continue
            }
            let isDirectory = values.isDirectory == true
            try body(relative, SourceEntryPath.classify(relative, isDirectory: isDirectory), UInt64(values.fileSize ?? 0))
        }
        if let failure { throw failure }
    }

    /// `"X/"` when no marker is at the root, every file is under the single folder `X`, and `X` holds a
    /// marker; else `""`.
    static func wrapperPrefix(paths: [String], rootMarkers: [String]) -> String {
        var detector = WrapperFolderDetector(rootMarkers: rootMarkers)
        for path in paths { detector.observe(path) }
        return detector.prefix
    }
}
