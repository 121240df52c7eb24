import MigrationCore

/// Deterministic file contents made up on the fly: the locator encodes the size and a seed, so tests
/// and benchmarks carry files without storing any.
public struct SyntheticFiles: SourceFileReader {
    public init() {}

    public static func file(id: String, name: String, size: Int) -> SourceFile {
        SourceFile(id: id, name: name, locator: "synthetic:\(size):\(id)", size: Int64(size))
    }

    /// A 1×1 GIF, for custom emoji images (the validator decodes those).
    public static func gif(id: String, name: String) -> SourceFile {
        SourceFile(id: id, name: name, locator: "synthetic-gif", size: Int64(tinyGIF.count))
    }

    static let tinyGIF: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    public func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        if file.locator == "synthetic-gif" {
            try Self.tinyGIF.withUnsafeBytes { try chunk($0) }
            return
        }
        let parts = file.locator.split(separator: ":", maxSplits: 2)
        guard parts.count == 3, parts[0] == "synthetic", let size = Int(parts[1]) else {
            throw SyntheticFileError(locator: file.locator)
        }
        var seed = UInt8(truncatingIfNeeded: parts[2].utf8.reduce(0) { $0 &+ Int($1) })
        var bytes = [UInt8](repeating: 0, count: size)
        for index in bytes.indices {
            seed = seed &* 31 &+ 7
            bytes[index] = 0x61 + seed % 26
        }
        try bytes.withUnsafeBytes { try chunk($0) }
    }
}

public struct SyntheticFileError: Error, CustomStringConvertible {
    public var locator: String
    public var description: String { "not a synthetic file locator: \(locator)" }
}
