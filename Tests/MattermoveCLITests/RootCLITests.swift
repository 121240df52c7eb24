import Foundation
import Testing

/// The root command: help lists every command, the version prints, usage errors are clear.
@Suite struct RootCLITests {
    @Test func helpListsCommands() throws {
        let result = try CLIRunner.run(["--help"])
        #expect(result.status == 0)
        for command in ["convert", "validate", "server"] {
            #expect(result.stdout.contains(command))
        }
    }

    @Test func versionPrints() throws {
        let result = try CLIRunner.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func unknownCommandIsAUsageError() throws {
        let result = try CLIRunner.run(["frobnicate"])
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
    }
}
