import Foundation
import MigrationCore

/// The whole Slack conversion in one call (used by `mattermove convert slack`, the tests and the
/// benchmark): read the export into a staging store, then let the core write the package.
public enum SlackConversion {
    /// Converts `export` (zip or folder) into the package `output`; returns the run report.
    @discardableResult
    public static func convert(export: URL, options: SlackImportOptions, exportOptions: ExportOptions, output: URL,
                               progress: (@Sendable (_ phase: String, _ done: Int, _ total: Int) -> Void)? = nil) throws
        -> MigrationReport {
        let reader = try SlackReader(url: export, options: options)
        let staging = try MigrationStaging(source: "slack")
        try reader.read(into: staging)
        let exporter = PackageExporter(staging: staging, files: reader.fileSource, options: exportOptions)
        exporter.progress = progress
        return try exporter.export(to: output)
    }

    /// Reads `--team-map FILE`: a JSON object from workspace folder (or workspace id `T…`) to team name.
    public static func loadTeamMap(_ url: URL) throws -> [String: String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SlackImportError.invalidOption("\(url.lastPathComponent): cannot read the team map (\(error.localizedDescription))")
        }
        guard let map = try? JSONDecoder().decode([String: String].self, from: data) else {
            throw SlackImportError.invalidOption(
                "\(url.lastPathComponent): the team map must be a JSON object like {\"workspace-folder\": \"team-name\"}")
        }
        return map
    }
}
