import MigrationCore

/// Finds the bytes of a message's file: `__uploads/<id>/<name>` (slack-advanced-exporter, slackdump's
/// Mattermost format), `<channel>/attachments/<id>-<name>` (slackdump's standard format), or a file
/// fetched by `--download-files`.
final class SlackFileLocator {
    private let archive: SourceArchive
    private let downloaded: [String: String]
    private var attachmentsByFolder: [String: [String: SourceArchive.Entry]] = [:]

    init(archive: SourceArchive, downloaded: [String: String]) {
        self.archive = archive
        self.downloaded = downloaded
    }

    /// Where file `id` is, or `nil` when the export does not hold it.
    func locate(fileID id: String, folder: String) -> (locator: String, size: Int64)? {
        if let upload = archive.entries(under: "__uploads/" + id).first {
            return (SlackFileSource.archivePrefix + upload.path, Int64(upload.uncompressedSize))
        }
        if let entry = attachments(in: folder)[id] {
            return (SlackFileSource.archivePrefix + entry.path, Int64(entry.uncompressedSize))
        }
        if let path = downloaded[id] {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
            return (SlackFileSource.diskPrefix + path, size ?? 0)
        }
        return nil
    }

    private func attachments(in folder: String) -> [String: SourceArchive.Entry] {
        if let cached = attachmentsByFolder[folder] { return cached }
        var byID: [String: SourceArchive.Entry] = [:]
        let prefix = folder + "/attachments/"
        for entry in archive.entries(under: prefix) {
            let name = entry.path.dropFirst(prefix.count)
            guard let dash = name.firstIndex(of: "-") else { continue }
            let id = String(name[..<dash])
            if byID[id] == nil { byID[id] = entry }
        }
        attachmentsByFolder[folder] = byID
        return byID
    }
}

/// Gives the exporter file bytes from the export or from the download folder.
public struct SlackFileSource: SourceFileReader {
    static let archivePrefix = "archive:"
    static let diskPrefix = "disk:"
    let archive: SourceArchive

    public init(archive: SourceArchive) {
        self.archive = archive
    }

    public func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if file.locator.hasPrefix(Self.archivePrefix) {
            let path = String(file.locator.dropFirst(Self.archivePrefix.count))
            guard let entry = archive.entry(at: path) else {
                throw SourceArchiveError(.entryNotFound, archive: archive.url.lastPathComponent, entry: path,
                                         message: "file listed in the export is missing")
            }
            try archive.read(entry, chunk: chunk)
        } else {
            let path = String(file.locator.dropFirst(Self.diskPrefix.count))
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw SourceArchiveError(.unreadableInput, archive: path, message: "downloaded file cannot be opened")
            }
            defer { try? handle.close() }
            while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
                try data.withUnsafeBytes { try chunk($0) }
            }
        }
    }
}

import Foundation
