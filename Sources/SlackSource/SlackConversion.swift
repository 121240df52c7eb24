import Foundation
import MigrationCore
import SourceToolkit

/// The whole Slack conversion in one call (used by `mattermove convert slack`, the tests and the
/// benchmark): the shared conversion runner over a `SlackReader`.
public enum SlackConversion {
    /// Converts `export` (zip or folder) into the package `output`; returns the run report.
    @discardableResult
    public static func convert(export: URL, options: SlackOptions, exportOptions: ExportOptions, output: URL,
                               progress: ConversionProgress? = nil,
                               phaseFinished: ((_ phase: String, _ seconds: Double) -> Void)? = nil) throws -> MigrationReport {
        try ConversionRunner.run(SlackReader(url: export, options: options), output: output, options: exportOptions,
                                 progress: progress, phaseFinished: phaseFinished)
    }

    /// Reads `--team-map FILE`: a JSON object from workspace folder (or workspace id `T…`) to team name.
    public static func loadTeamMap(_ url: URL) throws -> [String: String] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw SlackSourceError.invalidOption("\(url.lastPathComponent): cannot read the team map (\(error.localizedDescription))")
        }
        guard let map = try? JSONDecoder().decode([String: String].self, from: data) else {
            throw SlackSourceError.invalidOption(
                "\(url.lastPathComponent): the team map must be a JSON object like {\"workspace-folder\": \"team-name\"}")
        }
        return map
    }
}
