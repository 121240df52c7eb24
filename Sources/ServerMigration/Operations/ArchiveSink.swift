/// Writes a backup into a tar archive: database dump, config directory, file store, manifest last.
final class ArchiveSink: BackupSink {
    private let writer: TarWriter

    init(writer: TarWriter) { self.writer = writer }

    func writeDatabase(from client: any DatabaseClient) async throws -> ArchivedFile {
        let counter = ServerProgress.ByteCounter("dumping database")
        return try await writer.writeEntry(name: client.dumpEntryName, expectedSize: nil) { write in
            try await client.dump { counter.add($0.count); try await write($0) }
        }
    }

    func writeConfigFile(_ file: FoundFile) async throws -> ArchivedFile {
        try await writeFile(file, prefix: ArchiveLayout.configPrefix)
    }

    func writeStoreFile(_ file: FoundFile) async throws -> ArchivedFile {
        try await writeFile(file, prefix: ArchiveLayout.filesPrefix)
    }

    private func writeFile(_ file: FoundFile, prefix: String) async throws -> ArchivedFile {
        var entry = try await writer.writeEntry(name: prefix + file.relativePath, mode: file.mode, mtime: file.modificationTime,
                                                expectedSize: file.size) { write in
            try await FileTree.read(file.absolutePath) { try await write($0) }
        }
        entry.path = file.relativePath
        return entry
    }

    func finish(manifest: BackupManifest) async throws {
        let bytes = try manifest.encoded()
        _ = try await writer.writeEntry(name: ArchiveLayout.manifest, expectedSize: Int64(bytes.count)) { try await $0(bytes) }
        let checksum = Array((sha256Hex(bytes) + "\n").utf8)
        _ = try await writer.writeEntry(name: ArchiveLayout.manifestChecksum, expectedSize: Int64(checksum.count)) { try await $0(checksum) }
        try writer.finish()
    }
}
