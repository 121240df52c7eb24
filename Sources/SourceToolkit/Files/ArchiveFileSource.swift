import Foundation
import MattermostImport
import MigrationCore

/// Gives the exporter file bytes from the export itself (zip entry or file in the export folder) or from
/// a file on disk outside it (downloaded, or under a `--files-root`). A reader stages each file with a
/// locator made by `archiveLocator(_:)` or `diskLocator(_:)`.
public struct ArchiveFileSource: SourceFileReader {
    static let archivePrefix = "archive:"
    static let diskPrefix = "disk:"
    let archive: SourceArchive

    public init(archive: SourceArchive) {
        self.archive = archive
    }

    /// The locator of an entry of the export.
    public static func archiveLocator(_ entry: SourceArchive.Entry) -> String { archivePrefix + entry.path }

    /// The locator of a file on disk (an absolute or working-directory-relative path).
    public static func diskLocator(_ path: String) -> String { diskPrefix + path }

    public func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if file.locator.hasPrefix(Self.archivePrefix) {
            let path = String(file.locator.dropFirst(Self.archivePrefix.count))
            guard let entry = try archive.entry(at: path) else {
                throw ArchiveError(.entryNotFound, archive: archive.url.lastPathComponent, entry: path,
                                         message: "file listed in the export is missing")
            }
            try archive.read(entry, chunk: chunk)
        } else {
            let path = String(file.locator.dropFirst(Self.diskPrefix.count))
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw ArchiveError(.unreadableInput, archive: path, message: "file cannot be opened")
            }
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
                try data.withUnsafeBytes { try chunk($0) }
            }
        }
    }
}
