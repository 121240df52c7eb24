import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit

/// `--download-files`: finds the files an export lists but does not contain and fetches them from the
/// tokenised `url_private_download` URLs of current exports with the shared `ResumableDownloader`,
/// into `<folder>/<file id>/<name>`.
public enum SlackFileDownloader {
    public typealias Result = ResumableDownloader.Result
    typealias Wanted = ResumableDownloader.Request

    /// The files of one day file's messages (`files[]` and the legacy `file`), for a fast scan; `nil`
    /// when the day file is malformed.
    private static func files(of entry: SourceArchive.Entry, in archive: SourceArchive) -> [SlackFile]? {
        var files: [SlackFile] = []
        let read: Bool? = try? SlackJSONDecoding.forEachElement(in: entry, reader: archive,
                                                             maxElementBytes: JSONArrayStream.defaultMaxElementBytes) { element, _, _ in
            files += element["files"]?.lenientArray(SlackFile.init(json:)) ?? []
            if let file = element["file"].flatMap(SlackFile.init(json:)) { files.append(file) }
        }
        return read == nil ? nil : files
    }

    public static func downloadMissingFiles(export: URL, into folder: URL, parallelism: Int = 4,
                                            progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Result {
        let archive = try SourceArchive(url: export, rootMarkers: SlackExportLayout.rootMarkers)
        let wanted = try missingFiles(in: archive)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return ResumableDownloader.download(wanted, into: folder, parallelism: parallelism, progress: progress)
    }

    /// Files referenced by messages that the export does not hold, sorted by id, each once.
    static func missingFiles(in archive: SourceArchive) throws -> [Wanted] {
        let locator = SlackFileLocator(archive: archive, downloaded: [:])
        var wanted: [String: Wanted] = [:]
        try archive.forEachEntry { entry in
            let parts = entry.path.split(separator: "/")
            guard let last = parts.last, SlackExportLayout.isDayFileName(last) else { return }
            let folder = parts.dropLast().joined(separator: "/")
            guard let files = files(of: entry, in: archive) else { return }
            for file in files {
                guard let id = file.id, let name = file.name, wanted[id] == nil,
                      try SlackFileStatus.of(file, folder: folder, locator: locator).isDownloadable,
                      let link = file.downloadURL, let url = URL(string: link) else { continue }
                wanted[id] = Wanted(id: id, name: name, url: url)
            }
        }
        return wanted.keys.sorted().map { wanted[$0]! }
    }
}

extension SlackFileDownloader {
    /// A URL without its query (Slack's `?t=xoxe-…` token is a credential and never goes in a report).
    public static func redacted(_ link: String) -> String { ResumableDownloader.redacted(link) }
}
