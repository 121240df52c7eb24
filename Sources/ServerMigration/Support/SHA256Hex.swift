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
