import Foundation
import Synchronization
import TestSupport
import Testing
@testable import ServerMigration

/// Collects the progress reports of one operation.
final class ProgressRecorder: Sendable {
    private let phases = Mutex<[String: (done: Int64, total: Int64)]>([:])

    var handler: ServerProgress.Handler {
        { phase, done, total, _ in self.phases.withLock { $0[phase] = (done, total) } }
    }

    /// Phase → the last (done, total) reported.
    var last: [String: (done: Int64, total: Int64)] { phases.withLock { $0 } }
}

extension ServerMoveEndToEndTests {
    @Test("Progress: backup reports dump, tables and files; restore reports database, files and verification")
    func progressOfLongPhases() async throws {
        let scenario = try Scenario.make("pg_progress", engine: .postgres)
        defer { scenario.remove() }
        let archive = scenario.source.root + "/progress.tar"
        let backupProgress = ProgressRecorder()
        let backup = try await ServerProgress.$handler.withValue(backupProgress.handler) {
            try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: true,
                                       environment: [:], log: Scenario.silent)
        }
        let files = Int64(backup.manifest.fileStore.files.count)
        let tables = Int64(backup.manifest.database.tables.count)
        let backupPhases = backupProgress.last
        #expect((backupPhases["dumping database"]?.done ?? 0) > 0, "\(backupPhases.keys.sorted())")
        #expect(backupPhases["checking tables"].map { $0 == (tables, tables) } == true)
        #expect(backupPhases["copying files"].map { $0 == (files, files) } == true)

        let restoreProgress = ProgressRecorder()
        _ = try await ServerProgress.$handler.withValue(restoreProgress.handler) {
            try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath, siteURL: nil, force: false,
                                        environment: [:], log: Scenario.silent)
        }
        let restorePhases = restoreProgress.last
        let dumpSize = try #require(backup.manifest.database.dump?.size)
        #expect(restorePhases["restoring database"].map { $0 == (dumpSize, dumpSize) } == true, "\(restorePhases.keys.sorted())")
        #expect(restorePhases["restoring files"].map { $0 == (files, files) } == true)
        #expect(restorePhases["verifying files"].map { $0 == (files, files) } == true)
    }

    @Test(
        "CLI: --json prints one object on standard output; no progress off a terminal",
        .enabled(if: CLI.path != nil, "the mattermove executable with `server restore` was not built next to the tests")
    )
    func commandLineJSON() async throws {
        let scenario = try Scenario.make("pg_cli_json", engine: .postgres)
        defer { scenario.remove() }
        let cli = try #require(CLI.path)
        let archive = scenario.source.root + "/cli-json.tar"
        /// Runs the CLI with stdout and stderr apart; returns (status, stdout, stderr).
        func run(_ arguments: [String]) throws -> (Int32, String, String) {
            let result = try ExternalTool.run(cli, arguments)
            return (result.status, result.stdout, result.stderr)
        }
        func object(_ text: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text)")
        }
        let (backupStatus, backupOut, backupErr) = try run(["server", "backup", "--config", scenario.source.configPath, "--output", archive, "--json"])
        #expect(backupStatus == 0, "\(backupErr)")
        let backup = try object(backupOut)
        #expect(backup["archive"] as? String == archive)
        #expect(((backup["database"] as? [String: Any])?["tables"] as? Int ?? 0) > 0)
        #expect(!backupErr.contains("\r"), "no progress display off a terminal")

        let (restoreStatus, restoreOut, restoreErr) = try run(["server", "restore", archive, "--config", scenario.destination.configPath, "--json"])
        #expect(restoreStatus == 0, "\(restoreErr)")
        let restore = try object(restoreOut)
        #expect(restore["clean"] as? Bool == true)
        #expect((restore["files_checked"] as? Int ?? 0) > 0)
        #expect(!restoreErr.contains("\r"))

        try scenario.sql(scenario.destinationDatabase, "UPDATE users SET nickname = 'changed' WHERE id = '\(MattermostData.id("u", 7))'")
        let (verifyStatus, verifyOut, _) = try run(["server", "verify", "--config", scenario.destination.configPath, "--manifest", archive, "--json"])
        #expect(verifyStatus == 1)
        let verify = try object(verifyOut)
        #expect(verify["clean"] as? Bool == false)
        let differences = verify["differences"] as? [[String: String]] ?? []
        #expect(differences.contains { $0["item"] == "table users checksum" }, "\(differences)")
    }
}
