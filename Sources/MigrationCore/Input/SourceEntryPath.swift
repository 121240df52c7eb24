import Foundation

/// Turns an entry name as stored in an export (zip entry or file below the export folder) into the
/// normalised relative path readers look entries up by: `/`-separated, no empty or `.` components, NFC.
enum SourceEntryPath {
    enum Outcome: Equatable {
        /// A file entry with its normalised path.
        case file(String)
        /// A directory entry (nothing to read, nothing lost).
        case directory
        /// A file deliberately not offered to readers, with the reason (counted by callers).
        case skipped(SourceArchive.SkipReason)
        /// A name that escapes the export folder.
        case unsafe
    }

    /// Classifies `raw`. Backslashes count as separators so that `..\..\x` is caught like `../../x`.
    static func classify(_ raw: String, isDirectory: Bool) -> Outcome {
        // Fast path for the common plain-ASCII name: no backslash to rewrite, nothing to normalise.
        let isPlainASCII = raw.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\\") }
        let slashed = isPlainASCII ? raw : raw.replacingOccurrences(of: "\\", with: "/")
        if slashed.hasPrefix("/") || hasDriveLetter(slashed) { return .unsafe }
        var components: [Substring] = []
        for component in slashed.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { return .unsafe }
            components.append(component)
        }
        if isDirectory || slashed.hasSuffix("/") || components.isEmpty { return .directory }
        if components[0] == "__MACOSX" { return .skipped(.macOSMetadata) }
        let last = components[components.count - 1]
        if last.hasPrefix("._") || last == ".DS_Store" { return .skipped(.macOSMetadata) }
        let path = components.count == 1 ? String(components[0]) : components.joined(separator: "/")
        return .file(isPlainASCII ? path : path.precomposedStringWithCanonicalMapping)
    }

    /// NFC form of a lookup path (ASCII needs no work).
    static func nfc(_ path: String) -> String {
        path.utf8.allSatisfy { $0 < 0x80 } ? path : path.precomposedStringWithCanonicalMapping
    }

    /// `C:` or `c:/…`: a Windows absolute path.
    private static func hasDriveLetter(_ path: String) -> Bool {
        let scalars = Array(path.unicodeScalars.prefix(2))
        guard scalars.count == 2, scalars[1] == ":" else { return false }
        return ("a"..."z").contains(scalars[0]) || ("A"..."Z").contains(scalars[0])
    }

    /// Decodes a zip entry name: UTF-8 when flagged or when the bytes are valid UTF-8 (many tools write
    /// UTF-8 without setting bit 11), otherwise code page 437 (the zip default).
    static func decodeZipName(_ bytes: [UInt8], flaggedUTF8: Bool) -> String? {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if let utf8 = String(bytes: bytes, encoding: .utf8) { return utf8 }
        if flaggedUTF8 { return nil }
        var text = String.UnicodeScalarView()
        for byte in bytes { text.append(cp437[Int(byte)]) }
        return String(text)
    }

    /// Code page 437 (IBM PC) to Unicode; bytes 0x00–0x7F are ASCII in file names.
    private static let cp437: [Unicode.Scalar] = {
        let high: [UInt32] = [
            0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF,
            0x00EE, 0x00EC, 0x00C4, 0x00C5, 0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,
            0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192, 0x00E1, 0x00ED, 0x00F3, 0x00FA,
            0x00F1, 0x00D1, 0x00AA, 0x00BA, 0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,
            0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556, 0x2555, 0x2563, 0x2551, 0x2557,
            0x255D, 0x255C, 0x255B, 0x2510, 0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,
            0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567, 0x2568, 0x2564, 0x2565, 0x2559,
            0x2558, 0x2552, 0x2553, 0x256B, 0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,
            0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4, 0x03A6, 0x0398, 0x03A9, 0x03B4,
            0x221E, 0x03C6, 0x03B5, 0x2229, 0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,
            0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,
        ]
        return (0..<128).map { Unicode.Scalar(UInt8($0)) } + high.map { Unicode.Scalar($0)! }
    }()
}
