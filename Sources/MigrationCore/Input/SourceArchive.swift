import Foundation
import MattermostImport

/// A source export — a `.zip` file or an unpacked folder — seen as a sorted list of files with normalised
/// relative paths, read as streams. Every source reader (Slack, HipChat, …) opens its input through this.
///
/// - Paths are `/`-separated, NFC, without `__MACOSX/`, `._*` or `.DS_Store` files (those are listed in
///   `skippedEntries`), and relative to the export's real root: an export wrapped in one extra top-level
///   folder (`export/users.json`) has that folder stripped when `rootMarkers` identify the root.
/// - Entry names that escape the export (`..`, absolute paths) make `init` throw, naming the entry.
/// - Zip names without the UTF-8 flag are read as UTF-8 when valid, else as code page 437.
/// - Thread safety: the archive is immutable after `init` and reads use `pread`, so `read` and `readAll`
///   may run on any number of threads at once on the same instance.
public final class SourceArchive: Sendable {
    /// One file of the export.
    public struct Entry: Sendable, Hashable {
        /// Normalised path relative to the export root, e.g. `channels/general/2024-01-01.json`.
        public let path: String
        /// Size of the file's contents in bytes (as recorded in the zip, or from the file system).
        public let uncompressedSize: UInt64
        /// The name as stored in the zip or below the folder, for messages (includes any wrapper folder).
        public let storedName: String
        let index: Int
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
    /// Every file, sorted by path (UTF-8 byte order).
    public let allEntries: [Entry]
    public let skippedEntries: [SkippedEntry]

    private let displayName: String
    private let zip: ZipFileReader?
    private let byPath: [String: Int]

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
            throw SourceArchiveError(.inputNotFound, archive: displayName,
                                     message: "no such file or folder (pass a .zip export or an unpacked export folder)")
        }
        var raw: [(stored: String, outcome: SourceEntryPath.Outcome, size: UInt64)] = []
        if isDirectory.boolValue {
            kind = .directory
            zip = nil
            raw = try Self.listDirectory(url.resolvingSymlinksInPath(), displayName: displayName)
        } else {
            kind = .zip
            let zip = try Self.mappingZipErrors { try ZipFileReader(url: url) }
            self.zip = zip
            raw.reserveCapacity(zip.entries.count)
            for entry in zip.entries {
                var outcome = SourceEntryPath.classify(entry.name, isDirectory: entry.isDirectory)
                if case .file = outcome, entry.isSymbolicLink { outcome = .skipped(.symbolicLink) }
                raw.append((entry.name, outcome, entry.uncompressedSize))
            }
        }

        var files: [(path: String, stored: String, size: UInt64, index: Int)] = []
        var skipped: [SkippedEntry] = []
        for (index, item) in raw.enumerated() {
            switch item.outcome {
            case .file(let path): files.append((path, item.stored, item.size, index))
            case .directory: continue
            case .skipped(let reason): skipped.append(SkippedEntry(storedName: item.stored, reason: reason))
            case .unsafe:
                throw SourceArchiveError(.unsafeEntryPath, archive: displayName, entry: item.stored,
                                         message: "entry path escapes the export folder; refusing to read this export")
            }
        }

        let prefix = Self.wrapperPrefix(paths: files.map(\.path), rootMarkers: rootMarkers)
        strippedPrefix = prefix
        var entries: [Entry] = []
        var byPath: [String: Int] = [:]
        byPath.reserveCapacity(files.count)
        entries.reserveCapacity(files.count)
        for file in files {
            let path = String(decoding: file.path.utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
            guard byPath[path] == nil else {
                skipped.append(SkippedEntry(storedName: file.stored, reason: .duplicatePath))
                continue
            }
            byPath[path] = entries.count
            entries.append(Entry(path: path, uncompressedSize: file.size, storedName: file.stored, index: file.index))
        }
        // Paths are NFC, for which String's `<` is UTF-8 byte order (and has a memcmp fast path).
        entries.sort { $0.path < $1.path }
        for (position, entry) in entries.enumerated() { byPath[entry.path] = position }
        self.allEntries = entries
        self.byPath = byPath
        self.skippedEntries = skipped
    }

    /// The entry at `path` (normalised, relative to the export root), if present.
    public func entry(at path: String) -> Entry? {
        byPath[SourceEntryPath.nfc(path)].map { allEntries[$0] }
    }

    /// Entries anywhere below the folder `prefix` (`"channels/general"` or `"channels/general/"`, so
    /// subfolders included), sorted by path; `""` gives every entry. Binary search: O(log n + result).
    public func entries(under prefix: String) -> [Entry] {
        var folder = SourceEntryPath.nfc(prefix)
        if folder.isEmpty { return allEntries }
        if !folder.hasSuffix("/") { folder += "/" }
        let key = Array(folder.utf8)
        var low = 0
        var high = allEntries.count
        while low < high {
            let mid = (low + high) / 2
            if allEntries[mid].path.utf8.lexicographicallyPrecedes(key) { low = mid + 1 } else { high = mid }
        }
        var result: [Entry] = []
        var index = low
        while index < allEntries.count, allEntries[index].path.utf8.starts(with: key) {
            result.append(allEntries[index])
            index += 1
        }
        return result
    }

    /// Streams the entry's contents in chunks (≤ 64 KiB), checking size and CRC for zip entries. The
    /// buffer is only valid during the call.
    public func read(_ entry: Entry, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let zip {
            guard zip.entries.indices.contains(entry.index) else {
                throw SourceArchiveError(.entryNotFound, archive: displayName, entry: entry.path, message: "no such entry in the export")
            }
            try Self.mappingZipErrors {
                try zip.read(zip.entries[entry.index], displayName: entry.storedName, chunk: chunk)
            }
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

    /// Runs `body`, turning the zip reader's errors into `SourceArchiveError`s (same kinds and text).
    private static func mappingZipErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ZipReadError {
            throw SourceArchiveError(error)
        }
    }

    private static func listDirectory(_ root: URL, displayName: String) throws
        -> [(stored: String, outcome: SourceEntryPath.Outcome, size: UInt64)] {
        let keys: [URLResourceKey] = [.isDirectoryKey, .isSymbolicLinkKey, .fileSizeKey]
        var failure: SourceArchiveError?
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: keys, options: [],
            errorHandler: { url, error in
                failure = SourceArchiveError(.unreadableInput, archive: displayName, entry: url.path,
                                             message: "cannot list (\(error.localizedDescription))")
                return false
            })
        else {
            throw SourceArchiveError(.unreadableInput, archive: displayName, message: "cannot list the folder")
        }
        let rootDepth = root.standardizedFileURL.pathComponents.count
        var result: [(stored: String, outcome: SourceEntryPath.Outcome, size: UInt64)] = []
        for case let fileURL as URL in enumerator {
            let values = try fileURL.resourceValues(forKeys: Set(keys))
            let relative = fileURL.standardizedFileURL.pathComponents.dropFirst(rootDepth).joined(separator: "/")
            if values.isSymbolicLink == true {
                result.append((relative, .skipped(.symbolicLink), 0))
                continue
            }
            let isDirectory = values.isDirectory == true
            result.append((relative, SourceEntryPath.classify(relative, isDirectory: isDirectory),
                           UInt64(values.fileSize ?? 0)))
        }
        if let failure { throw failure }
        return result
    }

    /// `"X/"` when no marker is at the root, every file is under the single folder `X`, and `X` holds a
    /// marker; else `""`.
    static func wrapperPrefix(paths: [String], rootMarkers: [String]) -> String {
        guard !rootMarkers.isEmpty, let first = paths.first else { return "" }
        let present = Set(paths)
        if rootMarkers.contains(where: { present.contains($0) }) { return "" }
        guard let slash = first.firstIndex(of: "/") else { return "" }
        let prefix = String(first[...slash])
        guard paths.allSatisfy({ $0.utf8.starts(with: prefix.utf8) }) else { return "" }
        return rootMarkers.contains(where: { present.contains(prefix + $0) }) ? prefix : ""
    }
}
