import Foundation
import MigrationCore
import SourceToolkit

/// The whole Pidgin conversion in one call (used by `mattermove convert pidgin`, the tests and the
/// benchmark): the shared conversion runner over a `PidginReader`.
public enum PidginConversion {
    /// Converts the log trees `roots` into the package `output`; returns the run report.
    @discardableResult
    public static func convert(roots: [URL], options: PidginOptions, exportOptions: ExportOptions, output: URL,
                               progress: ConversionProgress? = nil) throws -> MigrationReport {
        try ConversionRunner.run(PidginReader(roots: roots, options: options), output: output, options: exportOptions,
                                 progress: progress)
    }
}
