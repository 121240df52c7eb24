import Foundation

/// Writes the run report to a path in the format its extension names: `.html`/`.htm` → one
/// self-contained page (MigrationReportHTML), anything else → JSON (MigrationReportJSON).
public enum MigrationReportFile {
    public enum Format: Sendable, Equatable { case json, html }

    /// The format `url`'s extension asks for.
    public static func format(for url: URL) -> Format {
        ["html", "htm"].contains(url.pathExtension.lowercased()) ? .html : .json
    }

    /// The report's bytes in `format`.
    public static func encode(_ report: MigrationReport, as format: Format) -> [UInt8] {
        switch format {
        case .json: MigrationReportJSON.encode(report)
        case .html: MigrationReportHTML.render(report)
        }
    }

    /// Writes the report to `url` through a temporary file renamed into place (never a half-written report).
    public static func write(_ report: MigrationReport, to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial-\(getpid())")
        try Data(encode(report, as: format(for: url))).write(to: temporary)
        _ = try? FileManager.default.removeItem(at: url)
        try FileManager.default.moveItem(at: temporary, to: url)
    }
}
