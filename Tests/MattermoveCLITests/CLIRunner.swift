import Foundation
import TestSupport

/// Runs the built `mattermove` executable (SwiftPM builds it next to the test bundle).
struct CLIRunner {
    static let executable: URL = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("mattermove")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.appendingPathComponent("mattermove")
    }()

    /// Runs `mattermove` and collects its exit status and output.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> ExternalTool.Result {
        try ExternalTool.run(executable.path, arguments, in: directory, environment: environment)
    }

    /// A fresh temporary directory removed by the caller.
    static func temporaryDirectory() throws -> URL { try TemporaryDirectory.make("mattermove-cli") }
}
