import Foundation
import MigrationCore
import SourceToolkit

/// What `inspect xmpp` reports: the archive read as a conversion would read it (leniently, so every
/// problem is counted), without writing a package.
public struct XMPPInspection: Sendable, Codable, Equatable {
    public var server: String
    public var database: String
    public var rows: Int
    /// Messages that would be posted (rows minus every skip).
    public var messages: Int
    public var users: Int
    public var usersWithoutDomain: [String]
    /// `configured` (in the server's room list), `unlisted` (found only in the archive), `direct`.
    public var conversations: [String: Int]
    public var duplicateCopies: Int
    /// UTC days (`YYYY-MM-DD`) of the first and last message.
    public var firstDay: String?
    public var lastDay: String?
    /// Rows that will not become posts, by reason.
    public var skippedByReason: [String: Int]
    /// Malformed rows (a conversion stops at the first unless --lenient), by location.
    public var malformedRows: [String]
}

public enum XMPPInspector {
    public static func inspect(_ source: any XMPPArchiveSource, database: String, options: XMPPOptions,
                               progress: ConversionProgress? = nil) throws -> XMPPInspection {
        var options = options
        options.lenient = true
        let reader = XMPPArchiveReader(source: source, options: options)
        let staging = try ConversionRunner.stage(reader, progress: progress)
        let summary = reader.summary
        let report = staging.report
        var skipped: [String: Int] = [:]
        for entry in report.skipped where entry.kind == "messages" { skipped[entry.reason, default: 0] += entry.count }
        return XMPPInspection(
            server: source.serverName, database: database, rows: summary?.rows ?? 0,
            messages: report.input.messages - report.skippedCount("messages"), users: report.input.users,
            usersWithoutDomain: summary?.usersWithoutDomain ?? [],
            conversations: ["configured rooms": summary?.configuredRooms ?? 0, "unlisted rooms": summary?.unlistedRooms ?? 0,
                            "direct": summary?.directConversations ?? 0],
            duplicateCopies: summary?.duplicateCopies ?? 0,
            firstDay: summary?.firstTime.map(day), lastDay: summary?.lastTime.map(day),
            skippedByReason: skipped,
            malformedRows: report.skipped.filter { $0.kind == "messages" && $0.reason == "malformed stanza XML" }.flatMap(\.items))
    }

    static func day(_ millis: Int64) -> String {
        let date = Date(timeIntervalSince1970: TimeInterval(millis) / 1000)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
