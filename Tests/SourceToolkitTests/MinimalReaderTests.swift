import Foundation
import MattermostImport
import MigrationCore
import Testing
import TestSupport
@testable import SourceToolkit

/// The worked example of docs/adding-a-source.md, compiled and tested so the page stays true: a reader
/// for a made-up format, one `<channel>.log` file per channel, one message per line:
///
///     2024-03-01T09:00:00Z alice: Good morning
///
/// It writes only what is specific to its format; the toolkit and the core do the rest.
final class ChannelLogReader: SourceReader {
    let archive: SourceArchive
    let team: String
    var sourceName: String { "channel-log" }
    var files: (any SourceFileReader)? { ArchiveFileSource(archive: archive) }
    private var channels: [String] = []

    init(url: URL, team: String) throws {
        archive = try SourceArchive(url: url, rootMarkers: [])
        self.team = team
    }

    func stageTeams(into staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: "team", name: team))
    }

    /// The format has no user list: authors are staged as they are met (the core then makes them
    /// deactivated placeholders, reported), so nothing to do here.
    func stageUsers(into staging: MigrationStaging) throws {}

    func stageConversations(into staging: MigrationStaging) throws {
        var pages = FolderPages(archive: archive, folder: "") { $0.hasSuffix(".log") && !$0.contains("/") }
        while let entry = try pages.next() {
            let name = String(entry.path.dropLast(4))
            channels.append(entry.path)
            try staging.add(SourceChannel(id: entry.path, teamID: "team", name: name, memberIDs: []))
        }
    }

    func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws {
        for path in channels {
            guard let entry = try archive.entry(at: path) else { continue }
            // A real reader streams (LineReader-style) instead of reading whole entries.
            let text = String(decoding: try archive.readAll(entry), as: UTF8.self)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
                guard let message = Self.parse(line, conversation: path, lineNumber: number + 1) else {
                    staging.recordSkipped(.messages, reason: "line is not `<ISO time> <user>: <text>`", item: "\(path):\(number + 1)")
                    continue
                }
                try staging.add(message)
            }
        }
    }

    static func parse(_ line: Substring, conversation: String, lineNumber: Int) -> SourceMessage? {
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count == 3, parts[1].hasSuffix(":"),
              let time = try? Date(String(parts[0]), strategy: .iso8601) else { return nil }
        return SourceMessage(id: "\(lineNumber)", conversationID: conversation, authorID: String(parts[1].dropLast()),
                             text: String(parts[2]), createdAt: Int64(time.timeIntervalSince1970 * 1000))
    }
}

/// The tests every new source must have (see docs/adding-a-source.md).
@Suite struct MinimalReaderTests {
    static func export() throws -> URL {
        let root = try TemporaryDirectory.make("channel-log")
        try TemporaryDirectory.writeTree([
            "general.log": Data("2024-03-01T09:00:00Z alice: Good morning\n2024-03-01T09:01:00Z bob: Morning!\nnot a message line\n".utf8),
            "Café Talk.log": Data("2024-03-02T10:00:00Z alice: ☕\n".utf8),
        ], at: root)
        return root
    }

    static func convert(_ export: URL) throws -> (MigrationReport, URL) {
        let output = TemporaryDirectory.root.appendingPathComponent("channel-log-\(UUID().uuidString).zip")
        let report = try ConversionRunner.run(ChannelLogReader(url: export, team: "Example Team"), output: output,
                                              options: ExportOptions(defaultEmailDomain: "example.com", generatorVersion: "test"))
        return (report, output)
    }

    @Test func packagePassesStrictValidationAndCountsBalance() throws {
        let export = try Self.export()
        defer { try? FileManager.default.removeItem(at: export) }
        let (report, package) = try Self.convert(export)
        defer { try? FileManager.default.removeItem(at: package) }
        let validation = try PackageValidator(options: ValidationOptions(strict: true)).validate(packageAt: package)
        #expect(validation.errors.isEmpty && validation.warnings.isEmpty, "\(validation.errors) \(validation.warnings)")
        // Every line in is a post out or a reported skip.
        #expect(report.input.messages == 4)
        #expect(report.output.posts == 3)
        #expect(report.skippedCount("messages") == 1)
        #expect(report.skipped.first { $0.kind == "messages" }?.items == ["general.log:3"])
        #expect(report.channelMapping["Café Talk.log"] == .channel(team: "example-team", name: "cafe-talk"))
    }

    @Test func twoRunsAreByteIdentical() throws {
        let export = try Self.export()
        defer { try? FileManager.default.removeItem(at: export) }
        let (_, first) = try Self.convert(export)
        let (_, second) = try Self.convert(export)
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }
        #expect(try Data(contentsOf: first) == Data(contentsOf: second))
    }
}
