import Crypto

/// One entry of a backup archive, found by `TarReader.scan`.
struct TarEntry {
    var name: String
    var size: Int64
    var mode: Int
    var dataOffset: Int64
    /// SHA-256 of the entry's bytes as read during the scan.
    var sha256: String
}

/// Reads the backup archive. `scan` reads it once end to end, hashing every entry, and detects
/// truncation and damaged headers; entries are then re-read by offset.
final class TarReader {
    let path: String
    private let file: RawFile
    static let chunkSize = 1 << 20

    init(path: String) throws {
        self.path = path
        file = try RawFile(readingFrom: path)
    }

    func scan() throws -> [TarEntry] {
        var entries: [TarEntry] = []
        var offset: Int64 = 0
        var paxName: String?
        try file.seek(to: 0)
        while true {
            let block = try file.read(upTo: TarFormat.blockSize)
            if block.isEmpty || block.count < TarFormat.blockSize {
                throw ServerMigrationError.archive(path, "is truncated at byte \(offset + Int64(block.count)) (after entry \(entries.last?.name ?? "none")); the copy is incomplete, copy it again or take a new backup")
            }
            let header: TarFormat.ParsedHeader?
            switch TarFormat.parse(block) {
            case .failure:
                throw ServerMigrationError.archive(path, "has a damaged tar header at byte \(offset); the file is corrupted, take a new backup")
            case .success(let parsed):
                header = parsed
            }
            offset += Int64(TarFormat.blockSize)
            guard let header else { return entries } // end-of-archive marker
            var hasher = SHA256()
            var remaining = header.size
            var paxData: [UInt8] = []
            while remaining > 0 {
                let chunk = try file.read(upTo: Int(min(Int64(Self.chunkSize), remaining)))
                if chunk.isEmpty {
                    throw ServerMigrationError.archive(path, "is truncated: entry \(paxName ?? header.name) needs \(header.size) bytes from byte \(offset) but the file ends at byte \(file.size); take a new backup")
                }
                if header.type == UInt8(ascii: "x") { paxData += chunk } else { hasher.update(data: chunk) }
                remaining -= Int64(chunk.count)
            }
            let dataOffset = offset
            let padding = TarFormat.padding(for: header.size)
            if padding > 0 { _ = try file.read(upTo: padding) }
            offset += header.size + Int64(padding)
            if header.type == UInt8(ascii: "x") {
                paxName = Self.paxPath(paxData)
                continue
            }
            entries.append(TarEntry(name: paxName ?? header.name, size: header.size, mode: header.mode, dataOffset: dataOffset, sha256: hasher.finalize().hex))
            paxName = nil
        }
    }

    private static func paxPath(_ data: [UInt8]) -> String? {
        let text = String(decoding: data, as: UTF8.self)
        for record in text.split(separator: "\n") {
            if let range = record.range(of: " path=") { return String(record[range.upperBound...]) }
        }
        return nil
    }

    /// Streams an entry's bytes in chunks.
    func read(_ entry: TarEntry, consumer: ([UInt8]) async throws -> Void) async throws {
        try file.seek(to: entry.dataOffset)
        var remaining = entry.size
        while remaining > 0 {
            let chunk = try file.read(upTo: Int(min(Int64(Self.chunkSize), remaining)))
            guard !chunk.isEmpty else { throw ServerMigrationError.archive(path, "ended inside entry \(entry.name); take a new backup") }
            try await consumer(chunk)
            remaining -= Int64(chunk.count)
        }
    }

    func readAll(_ entry: TarEntry) async throws -> [UInt8] {
        var bytes: [UInt8] = []
        try await read(entry) { bytes += $0 }
        return bytes
    }
}
