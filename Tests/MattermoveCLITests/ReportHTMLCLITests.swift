import Foundation
import TestSupport
import Testing

/// `convert slack --report FILE.html`: one self-contained page with every section, whose figures are
/// the JSON report's (`--report FILE.json`) of the same run, on the bundled example and on a
/// generated 5,000-message export; and, when Chromium is installed, the page runs in a real headless
/// browser without a script error.
@Suite struct ReportHTMLCLITests {
    /// Converts `export` twice through the CLI, once per report format, and returns both reports.
    static func reports(_ export: URL, in directory: URL) throws -> (html: URL, json: URL) {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var urls: [URL] = []
        for format in ["json", "html"] {
            let report = directory.appendingPathComponent("report.\(format)")
            let result = try CLIRunner.run(["convert", "slack", export.path, "--team", "example",
                                            "--default-email-domain", "example.com", "--bot-owner", "alice",
                                            "--output", directory.appendingPathComponent("out-\(format).zip").path,
                                            "--report", report.path])
            #expect(result.status == 0, "\(result.stderr)")
            urls.append(report)
        }
        return (urls[1], urls[0])
    }

    static func generatedExport(in directory: URL) throws -> URL {
        let export = directory.appendingPathComponent("generated-export")
        try GeneratedSlackExport.write(messages: 5_000, into: export)
        return export
    }

    @Test func bundledExamplePageMatchesJSON() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (html, json) = try Self.reports(ConvertCLITests.example, in: directory)
        let page = try ReportPage(contentsOf: html)
        page.expectComplete()
        try page.expectMatches(json: Data(contentsOf: json))
        #expect(page.rows("data-conversation").count >= 5, "channels, DM and group of the example")
    }

    @Test func generated5000MessagePageMatchesJSON() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (html, json) = try Self.reports(try Self.generatedExport(in: directory), in: directory)
        let page = try ReportPage(contentsOf: html)
        page.expectComplete()
        try page.expectMatches(json: Data(contentsOf: json))
        let summary = page.rows("data-kind")
        #expect(summary["messages"]?["input"] == "5000")
        #expect(summary["messages"]?["skipped"] == "20", "every 250th message has no author")
        let rows = page.rows("data-conversation")
        #expect(rows.count == 8)
        #expect(rows.values.reduce(0) { $0 + Int($1["messages_in"]!)! } == 5_000)
        #expect(rows.values.reduce(0) { $0 + Int($1["skipped"]!)! } == 20)
        #expect(rows.values.reduce(0) { $0 + Int($1["changed"]!)! } >= 5, "5 long messages were split")
        #expect(page.histogramBars.count >= 24, "about two years of months")
        #expect(page.histogramBars.first?.month == "2022-01")
    }

    @Test(.enabled(if: Chromium.executable != nil, "chromium is not installed"))
    func pagesRunInHeadlessChromium() throws {
        let directory = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let example = try Self.reports(ConvertCLITests.example, in: directory.appendingPathComponent("example")).html
        let generated = try Self.reports(try Self.generatedExport(in: directory), in: directory).html
        for page in [example, generated] {
            // `#selftest` makes the page sort, filter, switch and click the histogram before it reports ready.
            let dom = try Chromium.dumpDOM(of: page, fragment: "selftest")
            #expect(dom.status == 0, "\(dom.stderr.suffix(2_000))")
            #expect(dom.stdout.contains("data-report-ready=\"ok\""), "the script ran to its end on \(page.lastPathComponent)")
            #expect(dom.stdout.contains("data-selftest=\"ok\""), "sorting, filter, histogram switch and click ran")
            let scriptError = dom.stdout.range(of: "data-script-error=\"").map { String(dom.stdout[$0.lowerBound...].prefix(200)) }
            #expect(scriptError == nil, "no script error: \(scriptError ?? "")")
            #expect(!dom.stderr.contains("Uncaught"), "no uncaught error on the console: \(dom.stderr.suffix(2_000))")
            for section in ["summary", "conversations", "histogram", "mapping", "skipped", "changed"] {
                #expect(dom.stdout.contains("<section id=\"\(section)\">"))
            }
            #expect(dom.stdout.contains("posts in"), "clicking a month listed its conversations")
            let screenshot = directory.appendingPathComponent("\(page.deletingPathExtension().lastPathComponent)-\(UUID().uuidString).png")
            let shot = try Chromium.screenshot(of: page, to: screenshot)
            #expect(shot.status == 0, "\(shot.stderr.suffix(2_000))")
            let png = try Data(contentsOf: screenshot)
            #expect(png.count > 10_000 && png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG screenshot")
        }
    }
}

/// Debian's `chromium` in headless mode (no sandbox: the tests may run as root in a container).
enum Chromium {
    static let executable: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap(ExternalTool.path).first

    static let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"]

    static func dumpDOM(of page: URL, fragment: String) throws -> ExternalTool.Result {
        try ExternalTool.run(executable!, flags + ["--user-data-dir=\(profile())", "--dump-dom", page.absoluteString + "#" + fragment])
    }

    static func screenshot(of page: URL, to png: URL) throws -> ExternalTool.Result {
        try ExternalTool.run(executable!, flags + ["--user-data-dir=\(profile())", "--hide-scrollbars", "--window-size=1280,1800",
                                                   "--screenshot=\(png.path)", page.absoluteString])
    }

    /// A throwaway browser profile, so parallel runs do not share one.
    private static func profile() -> String {
        TemporaryDirectory.root.appendingPathComponent("chromium-profile-\(UUID().uuidString)").path
    }
}
