import Crypto
import _CryptoExtras
import Foundation

/// The digest `openssl enc` feeds its legacy key derivation (`-md md5`, OpenSSL < 1.1.0's default, or
/// `-md sha256`, the default since): EVP_BytesToKey with one iteration, no `-pbkdf2`.
public enum OpenSSLKeyDigest: String, Sendable, CaseIterable {
    case md5, sha256

    func hash(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .md5: Array(Insecure.MD5.hash(data: bytes))
        case .sha256: Array(SHA256.hash(data: bytes))
        }
    }
}

/// Why an `openssl enc` stream cannot be decrypted.
public enum OpenSSLDecryptError: Error, Equatable, Sendable {
    /// The stream does not start with `Salted__` and an 8-byte salt.
    case notSalted
    /// The ciphertext is not a whole number of AES blocks: the file was cut short.
    case truncated(bytes: Int64)
    /// The final block's padding is invalid: wrong password, wrong key derivation, or damaged data.
    case badPadding
}

/// Streaming decryption of `openssl enc -aes-256-cbc -salt` output (`Salted__`, 8-byte salt, AES-256-CBC
/// with PKCS#7 padding), chunk by chunk with flat memory: the plaintext is handed to a closure and never
/// stored. CBC needs only the previous ciphertext block to decrypt the next, so each chunk is decrypted
/// as it arrives; the last block is held back until `finish` to strip (and check) the padding.
public struct OpenSSLPasswordDecryptor {
    /// `Salted__` followed by the salt.
    public static let headerSize = 16
    static let magic = Array("Salted__".utf8)
    static let blockSize = 16

    private let key: SymmetricKey
    private var iv: [UInt8]
    private var pending: [UInt8] = []
    private var consumed: Int64 = 0

    /// Derives key and IV exactly as `openssl enc` does: D_i = H(D_{i-1} ‖ password ‖ salt) until 48
    /// bytes, key = the first 32, IV = the next 16.
    public static func deriveKeyAndIV(password: [UInt8], salt: [UInt8], digest: OpenSSLKeyDigest) -> (key: [UInt8], iv: [UInt8]) {
        var material: [UInt8] = []
        var previous: [UInt8] = []
        while material.count < 48 {
            previous = digest.hash(previous + password + salt)
            material += previous
        }
        return (Array(material[0..<32]), Array(material[32..<48]))
    }

    /// The salt of a stream's first 16 bytes, or `nil` if it is not `openssl enc` salted output.
    public static func salt(ofHeader header: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(header.prefix(headerSize))
        guard bytes.count == headerSize, Array(bytes[0..<8]) == magic else { return nil }
        return Array(bytes[8..<16])
    }

    /// A decryptor for the ciphertext that follows the 16-byte header.
    public init(password: [UInt8], salt: [UInt8], digest: OpenSSLKeyDigest) {
        let derived = Self.deriveKeyAndIV(password: password, salt: salt, digest: digest)
        key = SymmetricKey(data: derived.key)
        iv = derived.iv
    }

    /// Decrypts what can be decrypted of `chunk` (whole blocks, the last one held back) into `output`.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, _ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        pending.append(contentsOf: chunk)
        consumed += Int64(chunk.count)
        var usable = pending.count - pending.count % Self.blockSize
        if usable == pending.count { usable -= Self.blockSize } // keep the possibly-last block
        guard usable > 0 else { return }
        let plain = try decrypt(pending[0..<usable])
        pending.removeFirst(usable)
        try plain.withUnsafeBytes { try output($0) }
    }

    /// Decrypts the held-back last block, checks and strips its padding, and hands the rest to `output`.
    public mutating func finish(_ output: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard pending.count == Self.blockSize else { throw OpenSSLDecryptError.truncated(bytes: consumed + Int64(Self.headerSize)) }
        let plain = try decrypt(pending[...])
        pending.removeAll()
        let padding = Int(plain.last!)
        guard (1...Self.blockSize).contains(padding), plain.suffix(padding).allSatisfy({ Int($0) == padding }) else {
            throw OpenSSLDecryptError.badPadding
        }
        try plain.prefix(plain.count - padding).withUnsafeBytes { try output($0) }
    }

    private mutating func decrypt(_ blocks: ArraySlice<UInt8>) throws -> Data {
        let plain = try AES._CBC.decrypt(blocks, using: key, iv: AES._CBC.IV(ivBytes: iv), noPadding: true)
        iv = Array(blocks.suffix(Self.blockSize))
        return plain
    }
}
