import Foundation
import MigrationCore
import SourceToolkit
import TestSupport
import Testing
@testable import SlackSource

/// `--download-files` against a real HTTP server on 127.0.0.1 (Python's, with `Range` support added),
/// started by the test: missing files are fetched, a partial download resumes, failures are reported.
@Suite(.serialized) struct DownloadTests {
    /// Serves `root`, honours `Range: bytes=N-` with 206, logs each request's path and Range header.
    static let serverScript = """
        import http.server, os, sys
        root, port_file, log_file = sys.argv[1], sys.argv[2], sys.argv[3]
        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args): pass
            def do_GET(self):
                path = os.path.join(root, self.path.split('?')[0].lstrip('/'))
                with open(log_file, 'a') as log: log.write(self.path + ' ' + str(self.headers.get('Range')) + '\\n')
                if not os.path.isfile(path):
                    self.send_response(404); self.end_headers(); return
                data = open(path, 'rb').read()
                start = 0
                rng = self.headers.get('Range')
                if rng and rng.startswith('bytes='):
                    start = int(rng[6:].split('-')[0])
                    self.send_response(206)
                    self.send_header('Content-Range', 'bytes %d-%d/%d' % (start, len(data) - 1, len(data)))
                else:
                    self.send_response(200)
                self.send_header('Content-Length', str(len(data) - start))
                self.end_headers()
                self.wfile.write(data[start:])
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        open(port_file, 'w').write(str(server.server_address[1]))
        server.serve_forever()
        """

    struct Server {
        var process: Process
        var port: Int
        var log: URL
        /// SIGKILL: the child inherits a blocked SIGTERM from Foundation's `Process` on Linux.
        func stop() { kill(process.processIdentifier, SIGKILL) }
    }

    static func startServer(serving root: URL) throws -> Server? {
        let work = TemporaryDirectory.root.appendingPathComponent("http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let portFile = work.appendingPathComponent("port"), log = work.appendingPathComponent("log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalTool.path("python3") ?? "/usr/bin/python3")
        process.arguments = ["-c", serverScript, root.path, portFile.path, log.path]
        try process.run()
        for _ in 0..<100 {
            if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
                return Server(process: process, port: port, log: log)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        Issue.record("the local HTTP server did not start")
        return nil
    }

    @Test(.enabled(if: ExternalTool.exists("python3") && ExternalTool.exists("curl"), "needs python3 for the local HTTP server and curl"))
    func missingFilesAreDownloadedResumedAndReported() throws {
        let served = TemporaryDirectory.root.appendingPathComponent("served-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let body = Data((0..<50_000).map { UInt8($0 % 251) })
        try body.write(to: served.appendingPathComponent("big.bin"))
        try Data("tiny".utf8).write(to: served.appendingPathComponent("tiny.txt"))
        let server = try #require(try Self.startServer(serving: served))
        defer { server.stop() }

        let base = "http://127.0.0.1:\(server.port)"
        var export = SlackExportBuilder()
        export["users.json"] = [SlackExportBuilder.user("U1", "alice", email: "a@example.com")]
        export["channels.json"] = [SlackExportBuilder.channel("C1", "general", members: ["U1"])]
        export["general/2024-01-01.json"] = [SlackExportBuilder.message("U1", "files", ts: "1704103200.000100", extra: ["files": [
            ["id": "F1", "name": "big.bin", "url_private_download": "\(base)/big.bin?t=xoxe-secret"],
            ["id": "F2", "name": "tiny.txt", "url_private_download": "\(base)/tiny.txt?t=xoxe-secret"],
            ["id": "F3", "name": "gone.txt", "url_private_download": "\(base)/gone.txt?t=xoxe-secret"],
        ]])]
        let exportURL = try export.writeDirectory()
        let folder = TemporaryDirectory.root.appendingPathComponent("downloads-\(UUID().uuidString)")
        // A previous run stopped after 1,000 bytes of big.bin.
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("F1"), withIntermediateDirectories: true)
        try body.prefix(1_000).write(to: folder.appendingPathComponent("F1/big.bin.part"))

        let downloads = try SlackFileDownloader.downloadMissingFiles(export: exportURL, into: folder, parallelism: 2)
        #expect(downloads.files.keys.sorted() == ["F1", "F2"])
        #expect(try Data(contentsOf: folder.appendingPathComponent("F1/big.bin")) == body, "resumed file is complete")
        #expect(downloads.failures["F3"]?.contains("HTTP 404") == true)
        #expect(downloads.failures["F3"]?.contains("xoxe") == false, "token not in messages")
        let log = try String(contentsOf: server.log, encoding: .utf8)
        #expect(log.contains("/big.bin?t=xoxe-secret bytes=1000-"), "resumed with a Range request")

        let result = try Conversion.run(exportURL, options: {
            $0.downloadedFiles = downloads.files
            $0.downloadFailures = downloads.failures
        })
        result.expectValid()
        result.expectBalanced()
        #expect(result.report.output.attachments == 2)
        let archive = try SourceArchive(url: result.package)
        #expect(try archive.entry(at: "data/F1/big.bin").map { try archive.readAll($0) } == body)
        #expect(result.report.skipped.contains { $0.reason.contains("--download-files failed") && $0.items.first?.contains("gone.txt") == true })

        // A second run fetches nothing again.
        try "".write(to: server.log, atomically: true, encoding: .utf8)
        let again = try SlackFileDownloader.downloadMissingFiles(export: exportURL, into: folder)
        #expect(again.files.keys.sorted() == ["F1", "F2"])
        #expect(try String(contentsOf: server.log, encoding: .utf8).components(separatedBy: "\n").filter { !$0.isEmpty } == ["/gone.txt?t=xoxe-secret None"])
    }
}
