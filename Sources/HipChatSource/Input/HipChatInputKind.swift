import SourceToolkit

/// What an EXPORT argument is, found from its first bytes (never from its name).
public enum HipChatInputKind: Sendable, Equatable, CustomStringConvertible {
    /// An unpacked folder.
    case folder
    /// A zip (the legacy HipChat.com export, layout C).
    case zip
    /// A plain tar.
    case tar
    /// A gzip'd tar.
    case tarGzip
    /// `openssl enc -aes-256-cbc` output around a tar or tar.gz, with the key derivation's digest.
    case encrypted(OpenSSLKeyDigest, inner: Inner)

    public enum Inner: Sendable, Equatable { case tar, tarGzip }

    public var description: String {
        switch self {
        case .folder: "folder"
        case .zip: "zip"
        case .tar: "tar"
        case .tarGzip: "tar.gz"
        case .encrypted(let digest, let inner): "\(inner == .tar ? "tar" : "tar.gz") encrypted with AES-256-CBC (key derivation: \(digest.rawValue))"
        }
    }

    static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        Array(bytes.prefix(3)) == [0x1f, 0x8b, 0x08]
    }

    static func isZip(_ bytes: some Collection<UInt8>) -> Bool {
        Array(bytes.prefix(4)) == [0x50, 0x4b, 0x03, 0x04] || Array(bytes.prefix(4)) == [0x50, 0x4b, 0x05, 0x06]
    }

    /// A first tar block: the `ustar` magic, or a checksum that adds up.
    static func isTar(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 512 else { return false }
        if Array(bytes[257..<262]) == Array("ustar".utf8) { return true }
        let stored = Int(String(decoding: bytes[148..<156].prefix { $0 != 0 && $0 != 0x20 }, as: UTF8.self), radix: 8)
        let sum = bytes[0..<512].enumerated().reduce(0) { $0 + ((148..<156).contains($1.offset) ? 0x20 : Int($1.element)) }
        return stored == sum && bytes.contains { $0 != 0 }
    }
}
