import Foundation
import MigrationCore

/// The one conversion every `convert <source>` command runs: a reader fills a staging store, the core
/// exporter writes the package (to a temporary file renamed into place) and returns the run report.
public enum ConversionRunner {
    /// Converts what `reader` reads into the package at `output`; returns the report of the run.
    /// `phaseFinished` hears each phase's wall time in seconds, reading included (benchmarks print them).
    @discardableResult
    public static func run(_ reader: some SourceReader, output: URL, options: ExportOptions,
                           progress: ConversionProgress? = nil,
                           phaseFinished: ((_ phase: String, _ seconds: Double) -> Void)? = nil) throws -> MigrationReport {
        let start = DispatchTime.now().uptimeNanoseconds
        let staging = try stage(reader, progress: progress)
        phaseFinished?("reading", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        let exporter = PackageExporter(staging: staging, files: reader.files, options: options)
        exporter.progress = progress
        exporter.phaseFinished = phaseFinished
        return try exporter.export(to: output)
    }

    /// Reads everything `reader` gives into a new staging store, in the contract's order (what `run` and
    /// every `inspect` do first, so an inspection counts exactly what a conversion would).
    public static func stage(_ reader: some SourceReader, progress: ConversionProgress? = nil) throws -> MigrationStaging {
        let staging = try MigrationStaging(source: reader.sourceName)
        try reader.stageTeams(into: staging)
        try reader.stageUsers(into: staging)
        try reader.stageConversations(into: staging)
        try reader.stageEmoji(into: staging)
        try reader.stageMessages(into: staging, progress: progress)
        return staging
    }
}
