import Foundation

/// Fetches files over HTTP(S) into `<folder>/<id>/<name>`, resumably: a finished file is never fetched
/// again and a partial `.part` file continues with an HTTP `Range` request (restarting if the server
/// ignores it). At most `parallelism` downloads run at once. Ids and names from the export are made
/// into single safe path components, so they never steer where a file is written. URLs in failure
/// reasons lose their query (tokens are credentials).
///
/// Transfers run through the system's `curl` (asked for only when a download is needed), so the
/// mattermove binary does not link libcurl through FoundationNetworking and runs on a bare server. The
/// URL goes to curl in a 0600 config file, never on its command line, where its token would be visible.
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
        let curl = curlPath()
        let queue = OperationQueue()
        queue.maxConcurrentOperationCount = max(1, parallelism)
        for file in wanted {
            queue.addOperation {
                let outcome = fetch(file, into: folder, curl: curl)
                let done = state.record(file.id, outcome)
                progress?(done, wanted.count)
            }
        }
        queue.waitUntilAllOperationsAreFinished()
        return state.result
    }

    /// Downloads one file; returns its path or a failure reason.
    static func fetch(_ file: Request, into folder: URL, curl: String?) -> Swift.Result<String, DownloadFailure> {
        let directory = folder.appendingPathComponent(safeComponent(file.id))
        let safeName = safeComponent(file.name)
        let final = directory.appendingPathComponent(safeName)
        let partial = directory.appendingPathComponent(safeName + ".part")
        if FileManager.default.fileExists(atPath: final.path) { return .success(final.path) }
        guard let curl else {
            return .failure(DownloadFailure(reason: "curl is not installed (apt-get install curl), so \(redacted(file.url)) cannot be fetched"))
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let have = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? Int64) ?? 0
            let (temporary, status) = try transfer(file.url, from: have, curl: curl)
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
        } catch let failure as DownloadFailure {
            return .failure(DownloadFailure(reason: "\(failure.reason) (\(redacted(file.url)))"))
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

    /// `curl` on `PATH` or in the usual folders.
    static func curlPath() -> String? {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin", "/bin"]
        return folders.map { $0 + "/curl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Fetches `url` (from byte `offset` when > 0) into a new temporary file; returns it and the HTTP status.
    static func transfer(_ url: URL, from offset: Int64, curl: String) throws -> (URL, Int) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-dl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-dl-\(UUID().uuidString).body")
        func quoted(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var config = "url = \(quoted(url.absoluteString))\noutput = \(quoted(body.path))\n"
        if offset > 0 { config += "header = \(quoted("Range: bytes=\(offset)-"))\n" }
        let configURL = work.appendingPathComponent("config")
        defer { try? FileManager.default.removeItem(at: work) }
        guard FileManager.default.createFile(atPath: configURL.path, contents: Data(config.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw DownloadFailure(reason: "cannot write a temporary file in \(work.path)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        process.arguments = ["--silent", "--show-error", "--location", "--max-time", "3600", "--write-out", "%{http_code}",
                             "--config", configURL.path]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let status = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let code = Int(String(decoding: status, as: UTF8.self)) else {
            try? FileManager.default.removeItem(at: body)
            var text = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if let query = url.query, !query.isEmpty { text = text.replacingOccurrences(of: query, with: "…") }
            throw DownloadFailure(reason: text.isEmpty ? "curl failed (\(process.terminationStatus))" : String(text.prefix(200)))
        }
        if !FileManager.default.fileExists(atPath: body.path) { FileManager.default.createFile(atPath: body.path, contents: nil) }
        return (body, code)
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
