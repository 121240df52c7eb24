import Crypto
import Foundation
import MattermostImport
import MigrationCore

/// A temporary store for file bytes that must not sit on disk in clear (attachments of an encrypted
/// export read as one stream, kept until the exporter asks for them). Every 64 KiB record is sealed
/// with AES-GCM under a random key that lives only in memory, so the spool file is unreadable once
/// the process ends; the file is deleted when the spool goes away. Written by one thread, then read by
/// any number (`pread`).
public final class EncryptedFileSpool: SourceFileReader, @unchecked Sendable {
    static let locatorPrefix = "spool:"
    static let recordSize = 64 << 10
    static let tagSize = 16

    private struct Stored {
        var offset: Int64
        var firstRecord: UInt64
        var size: Int64
    }

    private let key = SymmetricKey(size: .bits256)
    private let directory: URL
    private let descriptor: Int32
    private let lock = NSLock()
    private var stored: [Stored] = []
    private var writeOffset: Int64 = 0
    private var records: UInt64 = 0
    private var buffer: [UInt8] = []
    private var current: Stored?

    public init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-spool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        descriptor = open(directory.appendingPathComponent("spool").path, O_RDWR | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Number of files stored.
    public var count: Int { lock.withLock { stored.count } }

    /// Starts a file; returns its locator for `SourceFile.locator`.
    public func begin() -> String {
        lock.withLock {
            current = Stored(offset: writeOffset, firstRecord: records, size: 0)
            return Self.locatorPrefix + String(stored.count)
        }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) throws {
        var rest = bytes[...]
        while !rest.isEmpty {
            let take = min(Self.recordSize - buffer.count, rest.count)
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: rest.prefix(take)))
            rest = rest.dropFirst(take)
            if buffer.count == Self.recordSize { try sealBuffer() }
        }
    }

    /// Ends the file started by `begin`.
    public func end() throws {
        if !buffer.isEmpty { try sealBuffer() }
        lock.withLock {
            if let current { stored.append(current) }
            current = nil
        }
    }

    private func sealBuffer() throws {
        let box = try AES.GCM.seal(buffer, using: key, nonce: Self.nonce(records))
        var record = withUnsafeBytes(of: UInt32(buffer.count).littleEndian, Array.init)
        record += box.ciphertext
        record += box.tag
        try record.withUnsafeBytes { bytes in
            guard pwrite(descriptor, bytes.baseAddress, bytes.count, off_t(writeOffset)) == bytes.count else {
                throw CocoaError(.fileWriteOutOfSpace)
            }
        }
        writeOffset += Int64(record.count)
        records += 1
        current?.size += Int64(buffer.count)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func nonce(_ record: UInt64) throws -> AES.GCM.Nonce {
        try AES.GCM.Nonce(data: withUnsafeBytes(of: record.littleEndian, Array.init) + [0, 0, 0, 0])
    }

    public func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard file.locator.hasPrefix(Self.locatorPrefix), let index = Int(file.locator.dropFirst(Self.locatorPrefix.count)),
              let entry = lock.withLock({ index < stored.count ? stored[index] : nil }) else {
            throw ArchiveError(.entryNotFound, archive: "spool", entry: file.locator, message: "file was not read from the export")
        }
        var offset = entry.offset
        var record = entry.firstRecord
        var left = entry.size
        while left > 0 {
            var length: UInt32 = 0
            guard pread(descriptor, &length, 4, off_t(offset)) == 4 else { throw CocoaError(.fileReadCorruptFile) }
            let plainCount = Int(UInt32(littleEndian: length))
            var sealed = [UInt8](repeating: 0, count: plainCount + Self.tagSize)
            guard sealed.withUnsafeMutableBytes({ pread(descriptor, $0.baseAddress, $0.count, off_t(offset + 4)) }) == sealed.count else {
                throw CocoaError(.fileReadCorruptFile)
            }
            let box = try AES.GCM.SealedBox(nonce: Self.nonce(record), ciphertext: sealed[0..<plainCount],
                                            tag: sealed[plainCount...])
            let plain = try AES.GCM.open(box, using: key)
            try plain.withUnsafeBytes { try chunk($0) }
            offset += Int64(4 + sealed.count)
            record += 1
            left -= Int64(plainCount)
        }
    }
}
