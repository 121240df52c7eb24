import Foundation

/// How Mattermost resolves a file reference from the JSONL (spec §1.2): join it to `data` with Go
/// `filepath.Join` semantics (so `a/b`, `./a/b` and `/a/b` are all `data/a/b`), refuse results that
/// leave `data`, and compare NFC-normalised names.
enum ImportPath {
    /// The zip entry name a JSONL path refers to, or nil when the path escapes `data/`.
    static func entryName(for path: String) -> String? {
        var parts: [Substring] = []
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                continue
            }
            parts.append(component)
        }
        guard !parts.isEmpty else { return nil }
        return MattermostLimits.dataDirectory + "/" + parts.joined(separator: "/")
    }

    static func nfc(_ name: String) -> String {
        name.utf8.allSatisfy({ $0 < 0x80 }) ? name : name.precomposedStringWithCanonicalMapping
    }

    /// Byte comparison: Swift's `==` treats canonically equivalent strings as equal.
    static func isNFC(_ name: String) -> Bool { nfc(name).utf8.elementsEqual(name.utf8) }
}
