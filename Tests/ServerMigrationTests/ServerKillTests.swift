import TestSupport
import Foundation
import Testing
@testable import ServerMigration

/// The built `mattermove` executable next to the test bundle (SwiftPM builds it with the tests).
enum CLI {
    static let path: String? = {
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [directory.appendingPathComponent("mattermove").path,
                          directory.deletingLastPathComponent().appendingPathComponent("mattermove").path]
        return candidates.first { path in
            FileManager.default.isExecutableFile(atPath: path) && (try? TestProcess.run(path, ["server", "restore", "--help"])) != nil
        }
    }()
}

extension ServerMoveEndToEndTests {
    @Test(
        "a restore killed with SIGKILL midway (twice) completes and verifies when run again",
        // Needs the CLI executable (with the `server` command) to kill a real process.
        .enabled(if: CLI.path != nil, "the mattermove executable with `server restore` was not built next to the tests")
    )
    func restoreKilledMidwayThenRerun() async throws {
        let scenario = try Scenario.make("my_killed", engine: .mariadb)
        defer { scenario.remove() }
        let archive = scenario.source.root + "/backup.tar"
        _ = try await ServerBackup.run(configPath: scenario.source.configPath, outputPath: archive, includeFiles: true, environment: [:], log: Scenario.silent)
        let stateFile = scenario.destination.root + "/config/.mattermove-restore-state"
        let firstStoredFile = scenario.destination.fileStore + "/" + MattermostData.filePath(0).split(separator: "/").first!

        /// Starts the CLI and kills it with SIGKILL as soon as `ready` holds, while it is still running.
        var killedProcesses: [pid_t] = []
        func killMidway(when ready: () throws -> Bool) throws {
            let pid = try TestProcess.spawn(CLI.path!, ["server", "restore", archive, "--config", scenario.destination.configPath])
            var killed = false
            var status: Int32 = 0
            for _ in 0..<6000 {
                if waitpid(pid, &status, WNOHANG) == pid { break } // finished on its own: not midway
                if try ready() {
                    kill(pid, SIGKILL)
                    killed = true
                    killedProcesses.append(pid)
                    waitpid(pid, &status, 0)
                    break
                }
                usleep(2_000)
            }
            #expect(killed && (status & 0x7f) == SIGKILL)
        }

        // 1: killed while the database is being restored.
        try killMidway {
            guard FileManager.default.fileExists(atPath: stateFile) else { return false }
            return try scenario.sql(scenario.destinationDatabase, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
                .trimmingCharacters(in: .whitespacesAndNewlines) != "0"
        }
        #expect(try await !(scenario.destinationClient().isEmpty()))
        // 2: killed while files are being written.
        try killMidway { FileManager.default.fileExists(atPath: firstStoredFile) }
        #expect(FileManager.default.fileExists(atPath: stateFile))

        // 3: run again without --force: recognises its own interrupted restore and completes.
        let result = try await ServerRestore.run(archivePath: archive, configPath: scenario.destination.configPath, siteURL: nil, force: false,
                                                 environment: [:], log: Scenario.silent)
        #expect(result.verification.isClean, "\(result.verification.renderedDifferences())")
        try await scenario.expectSameDatabase()
        try scenario.expectSameFiles()
        #expect(!FileManager.default.fileExists(atPath: stateFile))
        // The killed runs' credential files were removed by the rerun.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { name in
            killedProcesses.contains { name.hasPrefix("mattermove-secrets-\($0)-") }
        }
        #expect(killedProcesses.count == 2 && leftovers.isEmpty)
    }
}
