/// Custom emoji images must be a PNG, JPEG, GIF, WebP or SVG file of at most 512 KiB, or the import
/// fails on that line (spec §10, mmctl's image decode check). Run after the JSONL, reading each
/// referenced image from the zip once.
enum EmojiImageCheck {
    static let maxBytes: UInt64 = 512 * 1024

    static func run(_ images: [(line: Int, entry: String)], reader: ZipFileReader, log: inout FindingLog) {
        guard !images.isEmpty else { return }
        // One pass over the central directory (`archive[name]` would scan it once per image).
        let wanted = Set(images.map(\.entry))
        var entries: [String: ZipFileReader.Entry] = [:]
        for entry in reader.entries where wanted.contains(entry.name) { entries[entry.name] = entry }
        for (line, name) in images {
            guard let entry = entries[name] else { continue }
            if entry.uncompressedSize > maxBytes {
                log.error(ImportErrorID.emojiImageMissing, line: line,
                          "emoji image \(name) is \(entry.uncompressedSize / 1024) KiB; Mattermost accepts at most 512 KiB")
                continue
            }
            var head: [UInt8] = []
            try? reader.read(entry) { chunk in
                if head.count < 64 { head += chunk.prefix(64 - head.count) }
            }
            if !isImage(head) {
                log.error(ImportErrorID.emojiImageMissing, line: line,
                          "emoji image \(name) is not a PNG, JPEG, GIF, WebP or SVG file")
            }
        }
    }

    static func isImage(_ head: [UInt8]) -> Bool {
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47]) || head.starts(with: [0xFF, 0xD8, 0xFF]) || head.starts(with: Array("GIF8".utf8)) {
            return true
        }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return true }
        var text = head.drop { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        return text.starts(with: Array("<?xml".utf8)) || text.starts(with: Array("<svg".utf8))
    }
}
