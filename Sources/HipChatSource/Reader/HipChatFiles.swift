import Foundation
import MigrationCore
import SourceToolkit

/// The export's files (attachments, emoticon images, avatars) by path relative to the root, and
/// their bytes for the exporter: read again from a folder or zip, or, for a streamed tar (which
/// cannot be re-read at random), from the encrypted spool they were copied into during the pass over the export.
final class HipChatFiles: SourceFileReader, @unchecked Sendable {
    struct Stored {
        var locator: String
        var size: Int64
    }

    static let archivePrefix = "archive:"
    private let archive: SourceArchive?
    let spool: EncryptedFileSpool?
    private(set) var byPath: [String: Stored] = [:]

    init(archive: SourceArchive?) throws {
        self.archive = archive
        spool = archive == nil ? try EncryptedFileSpool() : nil
    }

    /// Notes a file met during the pass; returns where its bytes must go (streamed input only).
    func register(relative: String, archivePath: String, size: Int64) -> HipChatEntrySink? {
        guard let spool else {
            byPath[relative] = Stored(locator: Self.archivePrefix + archivePath, size: size)
            return nil
        }
        let locator = spool.begin()
        byPath[relative] = Stored(locator: locator, size: size)
        return HipChatEntrySink(chunk: { try spool.append($0) }, end: { try spool.end() })
    }

    func file(at relative: String) -> Stored? { byPath[relative] }

    func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let spool, !file.locator.hasPrefix(Self.archivePrefix) {
            return try spool.readFile(file, chunk: chunk)
        }
        let path = String(file.locator.dropFirst(Self.archivePrefix.count))
        guard let archive, let entry = try archive.entry(at: path) else {
            throw HipChatError("\(path): file listed in the export is missing")
        }
        try archive.read(entry, chunk: chunk)
    }
}
