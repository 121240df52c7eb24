import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Fetches files over HTTP(S) into `<folder>/<id>/<name>`, resumably: a finished file is never fetched
/// again and a partial `.part` file continues with an HTTP `Range` request (restarting if the server
/// ignores it). At most `parallelism` downloads run at once. Ids and names from the export are made
/// into single safe path components, so they never steer where a file is written. URLs in failure
/// reasons lose their query (tokens are credentials).
public enum ResumableDownloader {
    /// One file to fetch.
    public struct Request: Sendable {
        public var id: String
        public var name: String
        public var url: URL

        public init(id: String, name: String, url: URL) {
            self.id = id
            self.name = name
            self.url = url
        }
    }

    public struct Result: Sendable {
        /// Request id → downloaded file path.
        public var files: [String: String] = [:]
        /// Request id → why it could not be fetched (URL queries removed).
        public var failures: [String: String] = [:]
    }

    public static func download(_ wanted: [Request], into folder: URL, parallelism: Int = 4,
                                progress: (@Sendable (Int, Int) -> Void)? = nil) -> Result {
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
    static func fetch(_ file: Request, into folder: URL, session: URLSession) -> Swift.Result<String, DownloadFailure> {
        let directory = folder.appendingPathComponent(safeComponent(file.id))
        let safeName = safeComponent(file.name)
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

    /// `text` as one path component: no separators or NUL, never `.`/`..`/empty.
    static func safeComponent(_ text: String) -> String {
        let cleaned = String(text.map { $0 == "/" || $0 == "\\" || $0 == "\0" ? "_" : $0 })
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "_" + cleaned : cleaned
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

    /// A URL without its query (download tokens are credentials and never go in a report).
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
