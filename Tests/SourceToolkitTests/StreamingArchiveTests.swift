import Foundation
import MigrationCore
import SourceToolkit
import TestSupport
import Testing

/// The streaming pieces encrypted exports are read with, against the real `openssl`, `tar` and `gzip`:
/// key derivation byte for byte, decryption and inflation fed in odd chunk sizes, tar long names, and
/// the encrypted spool.
@Suite(.enabled(if: ExternalTool.exists("openssl") && ExternalTool.exists("tar") && ExternalTool.exists("gzip")))
struct StreamingArchiveTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02X", $0) }.joined() }

    @Test(arguments: OpenSSLKeyDigest.allCases)
    func keyDerivationMatchesOpenSSL(_ digest: OpenSSLKeyDigest) throws {
        let directory = try TemporaryDirectory.make("openssl-kdf")
        defer { try? FileManager.default.removeItem(at: directory) }
        let passwordFile = directory.appendingPathComponent("pw")
        try Data("pässword 1".utf8).write(to: passwordFile)
        let salt: [UInt8] = [1, 2, 3, 4, 0xfa, 0xfb, 0xfc, 0xfd]
        let result = try ExternalTool.run("openssl", ["enc", "-aes-256-cbc", "-md", digest.rawValue, "-S", Self.hex(salt),
                                                      "-pass", "file:" + passwordFile.path, "-P"])
        let derived = OpenSSLPasswordDecryptor.deriveKeyAndIV(password: Array("pässword 1".utf8), salt: salt, digest: digest)
        #expect(result.stdout.contains("key=" + Self.hex(derived.key)), "\(result.output)")
        #expect(result.stdout.contains("iv =" + Self.hex(derived.iv)) || result.stdout.contains("iv=" + Self.hex(derived.iv)), "\(result.output)")
    }

    @Test(arguments: [1, 15, 16, 17, 4096, 1 << 20])
    func decryptsAndInflatesInAnyChunkSize(_ chunkSize: Int) throws {
        let directory = try TemporaryDirectory.make("openssl-stream")
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SystemRandomNumberGenerator()
        let plain = (0..<70_000).map { _ in UInt8.random(in: 0...20, using: &random) }
        let plainURL = directory.appendingPathComponent("plain")
        try Data(plain).write(to: plainURL)
        #expect(try ExternalTool.run("gzip", ["-k", plainURL.path]).status == 0)
        try Data("pw".utf8).write(to: directory.appendingPathComponent("pw"))
        let encrypted = directory.appendingPathComponent("plain.gz.aes")
        #expect(try ExternalTool.run("openssl", ["enc", "-aes-256-cbc", "-md", "md5", "-salt", "-pass", "file:" + directory.appendingPathComponent("pw").path,
                                                 "-in", plainURL.path + ".gz", "-out", encrypted.path]).status == 0)
        let bytes = Array(try Data(contentsOf: encrypted))
        let salt = try #require(OpenSSLPasswordDecryptor.salt(ofHeader: bytes))
        var decryptor = OpenSSLPasswordDecryptor(password: Array("pw".utf8), salt: salt, digest: .md5)
        let inflater = try GzipStreamInflater()
        var output: [UInt8] = []
        let body = bytes.dropFirst(16)
        var index = body.startIndex
        while index < body.endIndex {
            let end = min(index + chunkSize, body.endIndex)
            try Array(body[index..<end]).withUnsafeBytes { chunk in
                try decryptor.feed(chunk) { try inflater.feed($0) { output += $0 } }
            }
            index = end
        }
        try decryptor.finish { try inflater.feed($0) { output += $0 } }
        try inflater.finish()
        #expect(output == plain)
    }

    @Test func wrongKeyFailsThePaddingCheck() throws {
        var decryptor = OpenSSLPasswordDecryptor(password: Array("a".utf8), salt: Array(repeating: 0, count: 8), digest: .sha256)
        let block = [UInt8](repeating: 7, count: 32)
        var failure: OpenSSLDecryptError?
        do {
            try block.withUnsafeBytes { try decryptor.feed($0) { _ in } }
            try decryptor.finish { _ in }
        } catch let error as OpenSSLDecryptError { failure = error }
        // A random last block has valid padding about 1 time in 256; this fixed one does not.
        #expect(failure == .badPadding)
        var short = OpenSSLPasswordDecryptor(password: [], salt: Array(repeating: 0, count: 8), digest: .md5)
        #expect(throws: OpenSSLDecryptError.truncated(bytes: 16 + 20)) {
            try [UInt8](repeating: 1, count: 20).withUnsafeBytes { try short.feed($0) { _ in } }
            try short.finish { _ in }
        }
    }

    @Test(arguments: ["gnu", "pax", "ustar"])
    func tarStreamReadsLongNamesInAnyFormat(_ format: String) throws {
        let directory = try TemporaryDirectory.make("tar-stream")
        defer { try? FileManager.default.removeItem(at: directory) }
        let long = String(repeating: "d", count: 60) + "/" + String(repeating: "e", count: format == "ustar" ? 40 : 120) + ".txt"
        try TemporaryDirectory.writeTree([long: Data("long".utf8), "small.txt": Data(repeating: 0x41, count: 1000)],
                                         at: directory.appendingPathComponent("tree"))
        let tarURL = directory.appendingPathComponent("t.tar")
        let result = try ExternalTool.run("tar", ["--format=" + format, "-cf", tarURL.path, "-C", directory.appendingPathComponent("tree").path,
                                                  "small.txt", long])
        #expect(result.status == 0, "\(result.output)")
        let bytes = Array(try Data(contentsOf: tarURL))
        var files: [String: [UInt8]] = [:]
        var current: String?
        let reader = TarStreamReader { event in
            switch event {
            case .begin(let entry): current = entry.kind == .file ? entry.path : nil
            case .data(let data): if let current { files[current, default: []] += data }
            case .end: current = nil
            }
        }
        for start in stride(from: 0, to: bytes.count, by: 7) {
            try Array(bytes[start..<min(start + 7, bytes.count)]).withUnsafeBytes { try reader.feed($0) }
        }
        try reader.finish()
        #expect(reader.isEnded)
        #expect(files[long] == Array("long".utf8))
        #expect(files["small.txt"] == [UInt8](repeating: 0x41, count: 1000))
        let cut = TarStreamReader { _ in }
        try Array(bytes.prefix(600)).withUnsafeBytes { try cut.feed($0) }
        #expect(throws: TarStreamError.self) { try cut.finish() }
    }

    @Test func spoolGivesBackTheBytes() throws {
        let spool = try EncryptedFileSpool()
        let secret = Array(String(repeating: "top secret attachment ", count: 10_000).utf8)
        let locator = spool.begin()
        for start in stride(from: 0, to: secret.count, by: 10_000) {
            try Array(secret[start..<min(start + 10_000, secret.count)]).withUnsafeBytes { try spool.append($0) }
        }
        try spool.end()
        let empty = spool.begin()
        try spool.end()
        var readBack: [UInt8] = []
        try spool.readFile(SourceFile(id: "a", name: "a", locator: locator)) { readBack += $0 }
        #expect(readBack == secret)
        var none: [UInt8] = []
        try spool.readFile(SourceFile(id: "b", name: "b", locator: empty)) { none += $0 }
        #expect(none.isEmpty)
        #expect(spool.count == 2)
    }
}
