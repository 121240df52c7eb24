/// Writes a tar archive sequentially; every entry's SHA-256 is computed while it is written.
final class TarWriter {
    private let file: RawFile
    private var buffer: [UInt8] = []
    private var offset: Int64 = 0
    private static let bufferLimit = 1 << 20

    /// `path` is created with mode 0600 (backups hold credentials and private data).
    init(path: String) throws {
        file = try RawFile(creating: path, mode: 0o600)
        buffer.reserveCapacity(Self.bufferLimit)
    }

    private func append(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        offset += Int64(bytes.count)
        if buffer.count >= Self.bufferLimit { try flush() }
    }

    private func flush() throws {
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes one entry whose bytes come from `body`. When `expectedSize` is nil (a streamed dump) the
    /// header is patched with the real size afterwards; otherwise the size must match.
    func writeEntry(
        name: String, mode: Int = 0o600, mtime: Int64 = 0, expectedSize: Int64?,
        body: (_ write: ([UInt8]) async throws -> Void) async throws -> Void
    ) async throws -> ArchivedFile {
        var headerName = name
        if name.utf8.count > TarFormat.maxUstarName || !name.allSatisfy(\.isASCII) {
            let record = TarFormat.paxRecord(key: "path", value: name)
            try append(TarFormat.header(name: "PaxHeaders/entry", size: Int64(record.count), mode: 0o600, mtime: mtime, type: UInt8(ascii: "x")))
            try append(record)
            try append([UInt8](repeating: 0, count: TarFormat.padding(for: Int64(record.count))))
            headerName = String(decoding: Array(name.utf8.suffix(TarFormat.maxUstarName)).filter { $0 < 0x80 }, as: UTF8.self)
        }
        let headerOffset = offset
        try append(TarFormat.header(name: headerName, size: expectedSize ?? 0, mode: mode, mtime: mtime, type: UInt8(ascii: "0")))
        var digest = StreamDigest()
        try await body { chunk in
            digest.update(chunk)
            try self.append(chunk)
        }
        let size = digest.size
        if let expectedSize, expectedSize != size {
            throw ServerMigrationError("\(name): changed size while being backed up (\(expectedSize) → \(size) bytes); stop Mattermost and back up again")
        }
        try append([UInt8](repeating: 0, count: TarFormat.padding(for: size)))
        if expectedSize == nil {
            try flush()
            try file.seek(to: headerOffset)
            try file.write(TarFormat.header(name: headerName, size: size, mode: mode, mtime: mtime, type: UInt8(ascii: "0")))
            try file.seek(to: offset)
        }
        return digest.archivedFile(path: name)
    }

    /// Writes the end-of-archive marker and flushes everything to disk.
    func finish() throws {
        try append([UInt8](repeating: 0, count: 2 * TarFormat.blockSize))
        try flush()
        try file.sync()
    }
}
