import Foundation
import TestSupport
import Testing

/// `inspect slack`: one JSON object with `--json`, silent off a terminal, a progress line on one.
@Suite struct InspectCLITests {
    @Test func jsonIsOneObjectAndSilentOffATerminal() throws {
        let result = try CLIRunner.run(["inspect", "slack", ConvertCLITests.example.path, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "no progress when stderr is not a terminal")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(object?["messages"] as? Int == 16)
    }

    /// `script` runs the command on a pseudo-terminal, as an admin's shell would.
    @Test(.enabled(if: ExternalTool.exists("script"), "script (util-linux) is not installed"))
    func progressOnATerminal() throws {
        let command = "'\(CLIRunner.executable.path)' inspect slack '\(ConvertCLITests.example.path)'"
        let shown = try ExternalTool.run("script", ["-qec", command, "/dev/null"])
        #expect(shown.status == 0, "\(shown.stdout)")
        #expect(shown.stdout.contains("reading conversations ["), "\(shown.stdout)")
        let quiet = try ExternalTool.run("script", ["-qec", command + " --quiet", "/dev/null"])
        #expect(!quiet.stdout.contains("reading conversations"))
    }
}
