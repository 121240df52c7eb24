import Foundation

/// Zip entry names inside an import package: `import.jsonl` at the root, files below `data/` (spec §1.2).
public enum PackageEntryName {
    public static let jsonl = "import.jsonl"
    public static let dataFolder = "data/"
    /// A zip entry name is at most 65,535 bytes (16-bit length field).
    public static let maxNameBytes = 0xFFFF

    /// The zip entry name for an attachment path as written in JSONL (`"files/a.pdf"` → `"data/files/a.pdf"`),
    /// NFC-normalised. Returns nil for paths Mattermost would resolve differently or that would escape
    /// `data/`: empty, absolute, `.`/`..`/empty components, backslashes, NUL or other control characters;
    /// also nil when the entry name would exceed `maxNameBytes`.
    public static func dataEntry(forAttachmentPath path: String) -> String? {
        let normalised = path.precomposedStringWithCanonicalMapping
        guard !normalised.isEmpty, !normalised.hasPrefix("/"),
              normalised.utf8.count <= maxNameBytes - dataFolder.utf8.count else { return nil }
        for scalar in normalised.unicodeScalars where scalar == "\\" || scalar.value < 0x20 || scalar.value == 0x7F {
            return nil
        }
        for component in normalised.split(separator: "/", omittingEmptySubsequences: false)
        where component.isEmpty || component == "." || component == ".." {
            return nil
        }
        return dataFolder + normalised
    }

    /// Extensions of formats that are already compressed: stored as is, since deflating them costs time
    /// and gains nothing.
    static let precompressedExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "heic", "heif", "avif", "jxl",
        "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "zst", "lz4", "br", "jar", "apk",
        "mp4", "m4v", "mov", "avi", "mkv", "webm", "mpg", "mpeg", "wmv", "flv", "3gp",
        "mp3", "m4a", "aac", "ogg", "oga", "opus", "flac", "wma",
        "pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "woff", "woff2",
    ]

    /// Whether an entry should be stored without compression.
    static func isPrecompressed(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: "."), !name[dot...].contains("/") else { return false }
        return precompressedExtensions.contains(name[name.index(after: dot)...].lowercased())
    }
}
