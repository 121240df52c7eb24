import TestSupport
import Foundation
import Testing
@testable import ServerMigration

extension ServerMoveEndToEndTests {
    @Test(
        "CLI: backup, restore and verify; verify exits 1 with a table of differences; errors are one line",
        // Needs the CLI executable (with the `server` command) built next to the tests.
        .enabled(if: CLI.path != nil, "the mattermove executable with `server restore` was not built next to the tests")
    )
    func commandLine() async throws {
        let scenario = try Scenario.make("pg_cli", engine: .postgres)
        defer { scenario.remove() }
        let cli = try #require(CLI.path)
        let archive = scenario.source.root + "/cli-backup.tar"
        let (backupStatus, backupOutput) = try TestProcess.runReturningStatus(cli, ["server", "backup", "--config", scenario.source.configPath, "--output", archive])
        #expect(backupStatus == 0 && backupOutput.contains("backup: \(archive)"), "\(backupOutput)")
        let (restoreStatus, restoreOutput) = try TestProcess.runReturningStatus(cli, ["server", "restore", archive, "--config", scenario.destination.configPath,
                                                                                      "--site-url", "https://cli.example.com"])
        #expect(restoreStatus == 0 && restoreOutput.contains("no differences"), "\(restoreOutput)")

        try scenario.sql(scenario.destinationDatabase, "UPDATE users SET nickname = 'changed' WHERE id = '\(MattermostData.id("u", 7))'")
        let (verifyStatus, verifyOutput) = try TestProcess.runReturningStatus(cli, ["server", "verify", "--config", scenario.destination.configPath, "--manifest", archive])
        #expect(verifyStatus == 1)
        #expect(verifyOutput.contains("ITEM") && verifyOutput.contains("table users checksum") && verifyOutput.contains("1 difference(s)"), "\(verifyOutput)")

        // A wrong password in the destination config: one `error:` line, no secret, exit status 1.
        let wrong = "Wr0ng-CLI-Pa55"
        let layout = try TestServerLayout.make(name: "cli-wrong", driver: "postgres",
                                               dataSource: scenario.servers.postgres.dataSource(database: scenario.destinationDatabase, password: wrong),
                                               host: "destination", salt: "x", siteURL: "https://x")
        defer { layout.remove() }
        let (status, output) = try TestProcess.runReturningStatus(cli, ["server", "verify", "--config", layout.configPath, "--manifest", archive])
        let lines = output.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(status == 1 && lines.count == 1 && lines[0].contains("password authentication failed") && !output.contains(wrong), "\(output)")
    }
}
