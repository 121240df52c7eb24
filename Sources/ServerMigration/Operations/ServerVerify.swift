import Foundation

/// `server verify`: compares a server with a backup's manifest.
public enum ServerVerify {
    /// `manifestPath` is a manifest.json, or a backup archive whose manifest (and integrity) is used.
    public static func run(configPath: String, manifestPath: String, environment: [String: String]) async throws -> VerificationReport {
        let config = try ServerConfig.load(path: configPath, environment: environment)
        let manifest: BackupManifest
        let firstByte = try RawFile(readingFrom: manifestPath).read(upTo: 1)
        if firstByte == [UInt8(ascii: "{")] {
            manifest = try BackupManifest.load(path: manifestPath)
        } else {
            manifest = try BackupArchive(path: manifestPath).manifest
        }
        return try await ServerVerifier.verify(manifest: manifest, config: config)
    }
}
