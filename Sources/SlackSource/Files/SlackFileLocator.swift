import Foundation
import MigrationCore
import SourceToolkit

/// Finds the bytes of a message's file: `__uploads/<id>/<name>` (slack-advanced-exporter, slackdump's
/// Mattermost format), `<channel>/attachments/<id>-<name>` (slackdump's standard format), or a file
/// fetched by `--download-files`.
final class SlackFileLocator {
    private let archive: SourceArchive
    private let downloaded: [String: String]
    private var attachmentsByFolder: [String: [String: SourceArchive.Entry]] = [:]
    /// Whether the export has an `__uploads` folder at all: most have none, and asking the listing
    /// once per file cost 3% of the reading thread at a million messages.
    private lazy var hasUploads: Result<Bool, Error> = Result { try !archive.entries(under: "__uploads", after: nil, limit: 1).isEmpty }

    init(archive: SourceArchive, downloaded: [String: String]) {
        self.archive = archive
        self.downloaded = downloaded
    }

    /// Where file `id` is, or `nil` when the export does not hold it.
    func locate(fileID id: String, folder: String) throws -> (locator: String, size: Int64)? {
        if try hasUploads.get(), let upload = try archive.entries(under: "__uploads/" + id).first {
            return (ArchiveFileSource.archiveLocator(upload), Int64(upload.uncompressedSize))
        }
        if let entry = try attachments(in: folder)[id] {
            return (ArchiveFileSource.archiveLocator(entry), Int64(entry.uncompressedSize))
        }
        if let path = downloaded[id] {
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? nil
            return (ArchiveFileSource.diskLocator(path), size ?? 0)
        }
        return nil
    }

    private func attachments(in folder: String) throws -> [String: SourceArchive.Entry] {
        if let cached = attachmentsByFolder[folder] { return cached }
        var byID: [String: SourceArchive.Entry] = [:]
        let prefix = folder + "/attachments/"
        for entry in try archive.entries(under: prefix) {
            let name = entry.path.dropFirst(prefix.count)
            guard let dash = name.firstIndex(of: "-") else { continue }
            let id = String(name[..<dash])
            if byID[id] == nil { byID[id] = entry }
        }
        attachmentsByFolder[folder] = byID
        return byID
    }
}
