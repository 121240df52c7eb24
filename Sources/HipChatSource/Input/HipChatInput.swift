import Foundation
import MattermostImport
import SourceToolkit

/// Where one entry's bytes go: `chunk` for every piece, then `end`.
struct HipChatEntrySink {
    var chunk: (UnsafeRawBufferPointer) throws -> Void
    var end: () throws -> Void = {}
}

/// The export as a sequence of entries, read front to back in one pass each time `forEachEntry` runs:
/// a folder or zip through `SourceArchive`; a tar, tar.gz or encrypted tar.gz as one stream — decrypt,
/// gunzip and untar chained in memory, so the plaintext is never written anywhere.
final class HipChatInput {
    let url: URL
    let kind: HipChatInputKind
    private let password: [UInt8]
    /// The folder or zip (nil for streamed kinds).
    let archive: SourceArchive?
    static let readChunk = 1 << 20

    /// Opens `url` and finds what it is. `password` is asked for only when the file is encrypted.
    init(url: URL, password: () throws -> [UInt8]?) throws {
        self.url = url
        let name = url.lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw HipChatError("\(url.path): no such file or folder")
        }
        if isDirectory.boolValue {
            kind = .folder
            archive = try SourceArchive(url: url)
            self.password = []
            return
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw HipChatError("\(url.path): cannot be opened") }
        defer { try? handle.close() }
        let head = Array((try handle.read(upToCount: OpenSSLPasswordDecryptor.headerSize + 1024)) ?? Data())
        if let salt = OpenSSLPasswordDecryptor.salt(ofHeader: head) {
            guard let password = try password() else {
                throw HipChatError("\(name) is encrypted: give the password with --password-file FILE, HIPCHAT_EXPORT_PASSWORD, or on a terminal")
            }
            self.password = password
            archive = nil
            kind = try Self.detectEncryption(head: head, salt: salt, password: password, name: name)
            return
        }
        self.password = []
        if HipChatInputKind.isGzip(head) {
            kind = .tarGzip
            archive = nil
        } else if HipChatInputKind.isZip(head) {
            kind = .zip
            archive = try SourceArchive(url: url)
        } else if HipChatInputKind.isTar(head) {
            kind = .tar
            archive = nil
        } else {
            throw HipChatError.wrongPassword(name)
        }
    }

    /// Tries each key derivation on the first blocks: the right one gives a gzip or tar header. Any
    /// other outcome is a wrong password (or not an export), found before anything is written.
    private static func detectEncryption(head: [UInt8], salt: [UInt8], password: [UInt8], name: String) throws -> HipChatInputKind {
        let body = Array(head.dropFirst(OpenSSLPasswordDecryptor.headerSize))
        for digest in OpenSSLKeyDigest.allCases {
            var decryptor = OpenSSLPasswordDecryptor(password: password, salt: salt, digest: digest)
            var plain: [UInt8] = []
            try? body.withUnsafeBytes { bytes in try decryptor.feed(bytes) { plain += $0 } }
            if body.count < 1024 { try? decryptor.finish { plain += $0 } }
            if HipChatInputKind.isGzip(plain) { return .encrypted(digest, inner: .tarGzip) }
            if HipChatInputKind.isTar(plain) { return .encrypted(digest, inner: .tar) }
        }
        throw HipChatError.wrongPassword(name)
    }

    /// One pass over every file entry, in archive order (sorted paths for a folder or zip). `select`
    /// gets each file's path and size and returns where its bytes go, or nil to pass over it.
    /// `unsafe` hears of entries that escape the archive or are not files (counted by the caller).
    func forEachEntry(select: @escaping (_ path: String, _ size: Int64) throws -> HipChatEntrySink?,
                      unsafe: @escaping (_ name: String) -> Void = { _ in }) throws {
        if let archive {
            try archive.forEachEntry { entry in
                guard let sink = try select(entry.path, Int64(entry.uncompressedSize)) else { return }
                try archive.read(entry, chunk: sink.chunk)
                try sink.end()
            }
            return
        }
        var current: HipChatEntrySink?
        let tar = TarStreamReader { event in
            switch event {
            case .begin(let entry):
                switch entry.kind {
                case .file: current = try select(entry.path, entry.size)
                case .unsafe(let name): unsafe(name)
                case .directory, .other: current = nil
                }
            case .data(let bytes):
                try current?.chunk(bytes)
            case .end:
                try current?.end()
                current = nil
            }
        }
        try streamPlaintext { try tar.feed($0) }
        do { try tar.finish() } catch let error as TarStreamError { throw failure(error) }
    }

    /// Reads the file and hands its plaintext tar bytes to `body`, decrypting and inflating on the way.
    private func streamPlaintext(_ body: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        let name = url.lastPathComponent
        // Closed when the last reference goes: the reading thread may still hold it after a failure here.
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw HipChatError("\(url.path): cannot be opened") }
        var inflater: GzipStreamInflater?
        var decryptor: OpenSSLPasswordDecryptor?
        switch kind {
        case .tarGzip:
            inflater = try GzipStreamInflater()
        case .encrypted(let digest, let inner):
            let header = Array((try handle.read(upToCount: OpenSSLPasswordDecryptor.headerSize)) ?? Data())
            guard let salt = OpenSSLPasswordDecryptor.salt(ofHeader: header) else { throw HipChatError.wrongPassword(name) }
            decryptor = OpenSSLPasswordDecryptor(password: password, salt: salt, digest: digest)
            if inner == .tarGzip { inflater = try GzipStreamInflater() }
        default:
            break
        }
        // Reading, decrypting and inflating run on a second thread while this one untars and spools:
        // inflating alone was half of the pass.
        let stages = PlaintextStages(handle: handle, decryptor: decryptor, inflater: inflater)
        let plaintext = BackgroundProducer<[UInt8]>(capacity: 4, name: "hipchat-inflate") { yield in
            try stages.run(chunkBytes: Self.readChunk, yield)
        }
        do {
            defer { plaintext.cancel() }
            while let chunk = try plaintext.next() {
                try chunk.withUnsafeBytes(body)
                plaintext.giveBack(chunk)
            }
        } catch let error as OpenSSLDecryptError {
            switch error {
            case .notSalted, .badPadding: throw HipChatError("\(name): damaged or truncated (the last block does not decrypt: a cut-short file, or a wrong password)")
            case .truncated(let bytes): throw HipChatError("\(name): truncated at byte \(bytes) (not a whole number of AES blocks); copy the export again")
            }
        } catch let error as GzipStreamError {
            switch error.kind {
            case .notGzip: throw HipChatError.wrongPassword(name)
            case .damaged: throw HipChatError("\(name): damaged gzip data at compressed byte \(error.offset)")
            case .truncated: throw HipChatError("\(name): truncated (the gzip stream ends early at compressed byte \(error.offset)); copy the export again")
            }
        } catch let error as TarStreamError {
            throw failure(error)
        }
    }

    private func failure(_ error: TarStreamError) -> HipChatError {
        switch error.kind {
        case .badHeader: HipChatError("\(url.lastPathComponent): \(error.description) of the tar inside")
        case .truncated: HipChatError("\(url.lastPathComponent): truncated (\(error.description)); copy the export again")
        }
    }
}

/// The reading end of a streamed export: file → AES-CBC → gunzip, collected into plaintext chunks of
/// about `chunkBytes`. Only the producer thread uses it.
private final class PlaintextStages: @unchecked Sendable {
    private let handle: FileHandle
    private var decryptor: OpenSSLPasswordDecryptor?
    private let inflater: GzipStreamInflater?

    init(handle: FileHandle, decryptor: OpenSSLPasswordDecryptor?, inflater: GzipStreamInflater?) {
        self.handle = handle
        self.decryptor = decryptor
        self.inflater = inflater
    }

    func run(chunkBytes: Int, _ yield: BackgroundProducer<[UInt8]>.Yield) throws {
        var pending: [UInt8] = []
        pending.reserveCapacity(chunkBytes)
        func collect(_ bytes: UnsafeRawBufferPointer) throws {
            pending.append(contentsOf: bytes)
            if pending.count >= chunkBytes {
                try yield(pending)
                pending = []
                pending.reserveCapacity(chunkBytes)
            }
        }
        func plain(_ bytes: UnsafeRawBufferPointer) throws {
            if let inflater { try inflater.feed(bytes, collect) } else { try collect(bytes) }
        }
        while let data = try handle.read(upToCount: chunkBytes), !data.isEmpty {
            try data.withUnsafeBytes { bytes in
                if decryptor != nil { try decryptor!.feed(bytes, plain) } else { try plain(bytes) }
            }
        }
        try decryptor?.finish(plain)
        try inflater?.finish()
        if !pending.isEmpty { try yield(pending) }
    }
}
