import Crypto
import Foundation

/// SHA-256 as lower-case hex, the form used in manifests.
extension SHA256.Digest {
    var hex: String {
        map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }
}

func sha256Hex(_ bytes: some DataProtocol) -> String {
    SHA256.hash(data: bytes).hex
}

/// Size and SHA-256 of bytes as they stream past (archive entries, restored files, dumps).
struct StreamDigest {
    private var hasher = SHA256()
    private(set) var size: Int64 = 0

    mutating func update(_ chunk: [UInt8]) {
        hasher.update(data: chunk)
        size += Int64(chunk.count)
    }

    func archivedFile(path: String) -> ArchivedFile {
        ArchivedFile(path: path, size: size, sha256: hasher.finalize().hex)
    }
}
