import Foundation
import MigrationCore
import SourceToolkit

/// The history files met during the one pass over the export, in the order met, and where their bytes
/// are: read again from a folder or zip, or, for a streamed tar, from an encrypted spool they were
/// copied into as they went past (the stream cannot be re-read without decrypting and inflating it all
/// again, which was half the reading time; users and rooms must be staged before any message, and a
/// tar puts them wherever its creator did).
final class HipChatHistories: @unchecked Sendable {
    struct File: Sendable {
        /// The path relative to the export root (named in skips and errors).
        var relative: String
        var context: HipChatMessageConverter.Context
        /// The archive path (folder or zip), or the spool locator (streamed input).
        var locator: String
    }

    private let archive: SourceArchive?
    /// Created at the first history of a streamed export; dropped once the messages are staged.
    private var spool: EncryptedFileSpool?
    private(set) var files: [File] = []

    init(archive: SourceArchive?) {
        self.archive = archive
    }

    /// Notes a history file met during the pass; returns where its bytes must go (streamed input only).
    func register(relative: String, archivePath: String, context: HipChatMessageConverter.Context) throws -> HipChatEntrySink? {
        guard archive == nil else {
            files.append(File(relative: relative, context: context, locator: archivePath))
            return nil
        }
        if spool == nil { spool = try EncryptedFileSpool() }
        let spool = spool!
        files.append(File(relative: relative, context: context, locator: spool.begin()))
        return HipChatEntrySink(chunk: { try spool.append($0) }, end: { try spool.end() })
    }

    /// Hands the bytes of `file` to `chunk`, in order (safe from any thread).
    func read(_ file: File, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if let archive {
            guard let entry = try archive.entry(at: file.locator) else {
                throw HipChatError("\(file.relative): history file listed in the export is missing")
            }
            return try archive.read(entry, chunk: chunk)
        }
        guard let spool else { throw HipChatError("\(file.relative): history file was not read from the export") }
        try spool.readFile(SourceFile(id: file.locator, name: file.relative, locator: file.locator), chunk: chunk)
    }

    /// Deletes the spool (its file and key) once the histories are staged.
    func release() {
        spool = nil
    }
}
