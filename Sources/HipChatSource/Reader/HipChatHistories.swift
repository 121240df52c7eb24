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

    /// Puts the history files in the order their conversations are staged: rooms as listed (a legacy
    /// room's day files by date), then unlisted rooms and the users' private histories as met. Staging
    /// keys group each conversation's rows and number conversations as they are added, so in this order
    /// nearly every row is appended at the end of the staging table; in archive order each went into
    /// the middle of it (a seek from the root per row and page splits among siblings).
    func sortForStaging(rooms: [HipChatRoom]) {
        var roomRank: [String: Int] = [:], nameRank: [String: Int] = [:]
        for (rank, room) in rooms.enumerated() {
            if roomRank[room.id] == nil { roomRank[room.id] = rank }
            if nameRank[room.name] == nil { nameRank[room.name] = rank }
        }
        func key(_ file: File) -> (group: Int, rank: Int, path: String) {
            switch file.context {
            case .room(let id): return roomRank[id].map { (0, $0, "") } ?? (1, 0, "")
            case .legacyRoom(let name): return nameRank[name].map { (0, $0, file.relative) } ?? (1, 0, "")
            case .user: return (2, 0, "")
            }
        }
        // Stable: files of equal key keep the order they were met in.
        files = files.enumerated().map { (key($0.element), $0.offset, $0.element) }
            .sorted { ($0.0.group, $0.0.rank, $0.0.path, $0.1) < ($1.0.group, $1.0.rank, $1.0.path, $1.1) }
            .map(\.2)
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
