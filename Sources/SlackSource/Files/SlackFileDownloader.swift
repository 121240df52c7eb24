import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import MattermostImport
import MigrationCore
import SourceToolkit

/// `--download-files`: fetches the files an export lists but does not contain, from the tokenised
/// `url_private_download` URLs of current exports, into `<folder>/<file id>/<name>`. Resumable: a
/// finished file is never fetched again and a partial `.part` file continues with an HTTP `Range`
/// request (restarting if the server ignores it). At most `parallelism` downloads run at once.
public enum SlackFileDownloader {
    public struct Result: Sendable {
        /// Slack file id → downloaded file path.
        public var files: [String: String] = [:]
        /// Slack file id → why it could not be fetched (URL tokens removed).
        public var failures: [String: String] = [:]
    }

    struct Wanted: Sendable {
        var id: String
        var name: String
        var url: URL
    }

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
        return download(wanted, into: folder, parallelism: parallelism, progress: progress)
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
                guard let id = file.id, let name = file.name, !name.isEmpty, wanted[id] == nil,
                      file.mode != "tombstone", file.mode != "hidden_by_limit", file.mode != "external", !file.isExternal,
                      file.fileAccess == nil, let link = file.downloadURL, let url = URL(string: link),
                      locator.locate(fileID: id, folder: folder) == nil else { continue }
                wanted[id] = Wanted(id: id, name: name, url: url)
            }
        }
        return wanted.keys.sorted().map { wanted[$0]! }
    }

    static func download(_ wanted: [Wanted], into folder: URL, parallelism: Int,
                         progress: (@Sendable (Int, Int) -> Void)?) -> Result {
        let state = DownloadState()
        let session = URLSession(configuration: .ephemeral)
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, parallelism)
        for file in wanted {
            queue.addOperation {
                let outcome = fetch(file, into: folder, session: session)
                let done = state.record(file.id, outcome)
                progress?(done, wanted.count)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        session.finishTasksAndInvalidate()
        return state.result
    }

    /// Downloads one file; returns its path or a failure reason.
    static func fetch(_ file: Wanted, into folder: URL, session: URLSession) -> Swift.Result<String, DownloadFailure> {
        let directory = folder.appendingPathComponent(file.id)
        let safeName = file.name.replacingOccurrences(of: "/", with: "_")
        let final = directory.appendingPathComponent(safeName)
        let partial = directory.appendingPathComponent(safeName + ".part")
        if FileManager.default.fileExists(atPath: final.path) { return .success(final.path) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let have = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int64) ?? 0
            var request = URLRequest(url: file.url)
            if have > 0 { request.setValue("bytes=\(have)-", forHTTPHeaderField: "Range") }
            let (temporary, status) = try synchronousDownload(request, session: session)
            defer { try? FileManager.default.removeItem(at: temporary) }
            switch status {
            case 206 where have > 0:
                try append(temporary, to: partial)
            case 200..<300:
                _ = try? FileManager.default.removeItem(at: partial)
                try FileManager.default.moveItem(at: temporary, to: partial)
            case 416 where have > 0:
                break  // The partial file is already complete.
            default:
                return .failure(DownloadFailure(reason: "HTTP \(status) from \(redacted(file.url))"))
            }
            try FileManager.default.moveItem(at: partial, to: final)
            return .success(final.path)
        } catch {
            return .failure(DownloadFailure(reason: "\(error.localizedDescription) (\(redacted(file.url)))"))
        }
    }

    struct DownloadFailure: Error {
        var reason: String
    }

    private final class Box: @unchecked Sendable {
        var location: URL?
        var status = 0
        var error: Error?
    }

    static func synchronousDownload(_ request: URLRequest, session: URLSession) throws -> (URL, Int) {
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let task = session.downloadTask(with: request) { location, response, error in
            if let location {
                // The system deletes `location` when this returns: move it somewhere we own.
                let kept = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-dl-\(UUID().uuidString)")
                do { try FileManager.default.moveItem(at: location, to: kept); box.location = kept } catch { box.error = error }
            }
            box.status = (response as? HTTPURLResponse)?.statusCode ?? 0
            if let error { box.error = error }
            done.signal()
        }
        task.resume()
        done.wait()
        if let error = box.error { throw error }
        guard let location = box.location else { throw DownloadFailure(reason: "no data") }
        return (location, box.status)
    }

    static func append(_ source: URL, to destination: URL) throws {
        let output = try FileHandle(forWritingTo: destination)
        defer { try? output.close() }
        try output.seekToEnd()
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { try output.write(contentsOf: chunk) }
    }

    /// A URL without its query (Slack's `?t=xoxe-…` token is a credential and never goes in a report).
    public static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.path }
        components.query = nil
        return components.string ?? url.path
    }

    public static func redacted(_ link: String) -> String {
        URL(string: link).map(redacted) ?? link
    }

    private final class DownloadState: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var result = Result()
        private var done = 0

        func record(_ id: String, _ outcome: Swift.Result<String, DownloadFailure>) -> Int {
            lock.lock()
            defer { lock.unlock() }
            switch outcome {
            case .success(let path): result.files[id] = path
            case .failure(let failure): result.failures[id] = failure.reason
            }
            done += 1
            return done
        }
    }
}
