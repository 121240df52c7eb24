import Foundation
import Crypto

/// One thing that differs between a manifest and a server.
public struct VerificationDifference: Sendable, Equatable {
    public var item: String
    public var expected: String
    public var actual: String
}

/// The result of `server verify`: what was checked and every difference.
public struct VerificationReport: Sendable {
    public var differences: [VerificationDifference] = []
    public var tablesChecked = 0
    public var checksumsChecked = 0
    public var filesChecked = 0

    public var isClean: Bool { differences.isEmpty }

    /// The differences as an aligned text table.
    public func renderedDifferences() -> String {
        let rows = [("ITEM", "EXPECTED (backup)", "ACTUAL (server)")] + differences.map { ($0.item, $0.expected, $0.actual) }
        let widths = (rows.map { $0.0.unicodeScalars.count }.max() ?? 0, rows.map { $0.1.unicodeScalars.count }.max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.unicodeScalars.count)) }
        return rows.map { pad($0.0, widths.0) + "  " + pad($0.1, widths.1) + "  " + $0.2 }.joined(separator: "\n")
    }

    public var summary: String {
        "checked \(tablesChecked) tables (\(checksumsChecked) checksums) and \(filesChecked) files: " + (isClean ? "no differences" : "\(differences.count) difference(s)")
    }
}

/// Compares a server against a manifest: row counts, core-table checksums, db_migrations,
/// DiagnosticId, files (path, size, SHA-256) and the two secrets that must not change.
public enum ServerVerifier {
    public static func verify(manifest: BackupManifest, config: ServerConfig, checkFiles: Bool = true) async throws -> VerificationReport {
        let client = try makeDatabaseClient(try config.database())
        return try await verify(manifest: manifest, client: client, config: config, checkFiles: checkFiles)
    }

    static func verify(manifest: BackupManifest, client: any DatabaseClient, config: ServerConfig, checkFiles: Bool) async throws -> VerificationReport {
        var report = VerificationReport()
        func differ(_ item: String, _ expected: String, _ actual: String) {
            report.differences.append(VerificationDifference(item: item, expected: expected, actual: actual))
        }
        let server = try await client.serverVersion()
        if server.kind != manifest.database.server.kind {
            differ("database type", manifest.database.server.kind.rawValue, server.kind.rawValue)
            return report
        }
        let facts = try await DatabaseFacts.collect(client)
        // Compare names case-insensitively: a Bitnami backup's `users` is restored as `Users`.
        let actualTables = Dictionary(facts.tables.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        let expectedNames = Set(manifest.database.tables.map { $0.name.lowercased() })
        for expected in manifest.database.tables {
            report.tablesChecked += 1
            guard let actual = actualTables[expected.name.lowercased()] else {
                differ("table \(expected.name)", "\(expected.rows) rows", "missing")
                continue
            }
            if actual.rows != expected.rows { differ("table \(expected.name) rows", String(expected.rows), String(actual.rows)) }
            if let checksum = expected.checksum {
                report.checksumsChecked += 1
                if actual.checksum != checksum { differ("table \(expected.name) checksum", String(checksum.prefix(16)), String((actual.checksum ?? "none").prefix(16))) }
            }
        }
        for actual in facts.tables where !expectedNames.contains(actual.name.lowercased()) {
            differ("table \(actual.name)", "absent", "\(actual.rows) rows")
        }
        if facts.migrations != manifest.database.migrations {
            differ("db_migrations", describe(manifest.database.migrations), describe(facts.migrations))
        }
        if facts.diagnosticId != manifest.database.diagnosticId {
            differ("Systems DiagnosticId", manifest.database.diagnosticId ?? "none", facts.diagnosticId ?? "none")
        }
        checkSecrets(manifest: manifest, config: config, differ: differ)
        if checkFiles, manifest.fileStore.copied, case .local(let directory) = config.fileStore {
            for file in manifest.fileStore.files {
                report.filesChecked += 1
                ServerProgress.report("verifying files", Int64(report.filesChecked), of: Int64(manifest.fileStore.files.count))
                try await checkFile(file, root: directory, differ: differ)
            }
        }
        return report
    }

    private static func describe(_ migrations: [SchemaMigration]) -> String {
        "\(migrations.count) migrations, max \(migrations.map(\.version).max().map(String.init) ?? "none")"
    }

    private static func checkSecrets(manifest: BackupManifest, config: ServerConfig, differ: (String, String, String) -> Void) {
        let pairs = [("FileSettings.PublicLinkSalt", manifest.config.publicLinkSaltSHA256, config.string("FileSettings", "PublicLinkSalt")),
                     ("SqlSettings.AtRestEncryptKey", manifest.config.atRestEncryptKeySHA256, config.string("SqlSettings", "AtRestEncryptKey"))]
        for (name, expectedHash, actual) in pairs {
            guard let expectedHash else { continue }
            if actual.map({ sha256Hex(Array($0.utf8)) }) != expectedHash {
                differ("config \(name)", "source's value", actual == nil ? "missing" : "a different value")
            }
        }
    }

    static func checkFile(_ file: ArchivedFile, root: String, differ: (String, String, String) -> Void) async throws {
        let path = (root as NSString).appendingPathComponent(file.path)
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            differ("file \(file.path)", "\(file.size) bytes", "missing")
            return
        }
        if Int64(info.st_size) != file.size {
            differ("file \(file.path) size", String(file.size), String(info.st_size))
            return
        }
        var hasher = Crypto.SHA256()
        try await FileTree.read(path) { hasher.update(data: $0) }
        let actual = hasher.finalize().hex
        if actual != file.sha256 { differ("file \(file.path) SHA-256", String(file.sha256.prefix(16)), String(actual.prefix(16))) }
    }
}
