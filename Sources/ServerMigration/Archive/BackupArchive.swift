import Foundation

/// An opened backup archive whose every entry was checked against its manifest before anything is
/// restored: a truncated, corrupted or edited backup is refused up front.
struct BackupArchive {
    let path: String
    let manifest: BackupManifest
    /// SHA-256 of manifest.json: identifies this backup (e.g. to resume an interrupted restore).
    let backupId: String
    private let reader: TarReader
    private let entries: [String: TarEntry]

    init(path: String) throws {
        self.path = path
        reader = try TarReader(path: path)
        let scanned = try reader.scan()
        var entries: [String: TarEntry] = [:]
        for entry in scanned {
            guard entries[entry.name] == nil else { throw ServerMigrationError.archive(path, "holds entry \(entry.name) twice; it was altered, take a new backup") }
            entries[entry.name] = entry
        }
        guard let manifestEntry = entries[ArchiveLayout.manifest], let checksumEntry = entries[ArchiveLayout.manifestChecksum] else {
            throw ServerMigrationError.archive(path, "has no manifest.json at its end; it is not a mattermove backup or it is truncated, take a new backup")
        }
        guard checksumEntry.size < 200, manifestEntry.size < 1 << 31 else {
            throw ServerMigrationError.archive(path, "manifest entries are malformed; take a new backup")
        }
        let recorded = try Self.readSmall(reader, checksumEntry).trimmingCharacters(in: .whitespacesAndNewlines)
        guard recorded == manifestEntry.sha256 else {
            throw ServerMigrationError.archive(path, "manifest.json does not match its recorded SHA-256; the backup was modified, take a new backup")
        }
        let manifestBytes = try Self.readBytes(reader, manifestEntry)
        manifest = try BackupManifest.decode(Data(manifestBytes), origin: "\(path) manifest.json")
        backupId = manifestEntry.sha256
        self.entries = entries

        var expected: [String: ArchivedFile] = [:]
        if let dump = manifest.database.dump { expected[dump.path] = dump }
        for file in manifest.config.files { expected[ArchiveLayout.configPrefix + file.path] = file }
        for file in manifest.fileStore.files { expected[ArchiveLayout.filesPrefix + file.path] = file }
        for (name, file) in expected.sorted(by: { $0.key < $1.key }) {
            guard let entry = entries[name] else {
                throw ServerMigrationError.archive(path, "lacks entry \(name) listed in its manifest; the backup is incomplete, take a new backup")
            }
            guard entry.size == file.size, entry.sha256 == file.sha256 else {
                throw ServerMigrationError.archive(path, "entry \(name) does not match the SHA-256 in its manifest; the backup was modified or corrupted, take a new backup")
            }
        }
        for name in entries.keys.sorted() where expected[name] == nil && name != ArchiveLayout.manifest && name != ArchiveLayout.manifestChecksum {
            throw ServerMigrationError.archive(path, "holds entry \(name) that its manifest does not list; the backup was altered, take a new backup")
        }
    }

    func entry(_ name: String) throws -> TarEntry {
        guard let entry = entries[name] else { throw ServerMigrationError.archive(path, "lacks entry \(name)") }
        return entry
    }

    func read(_ name: String, consumer: ([UInt8]) async throws -> Void) async throws {
        try await reader.read(try entry(name), consumer: consumer)
    }

    func readAll(_ name: String) async throws -> [UInt8] {
        try await reader.readAll(try entry(name))
    }

    private static func readBytes(_ reader: TarReader, _ entry: TarEntry) throws -> [UInt8] {
        let file = try RawFile(readingFrom: reader.path)
        try file.seek(to: entry.dataOffset)
        return try file.read(upTo: Int(entry.size))
    }

    private static func readSmall(_ reader: TarReader, _ entry: TarEntry) throws -> String {
        String(decoding: try readBytes(reader, entry), as: UTF8.self)
    }
}
