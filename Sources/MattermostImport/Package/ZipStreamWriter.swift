import CCompressZlib
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The writer thread's half of the package writer: deflates chunks, writes entries and, at the end, the
/// central directory. Runs on the writer thread only (hence `@unchecked Sendable`: it is handed over once).
///
/// Entry layout: local header with zero CRC/sizes and a reserved 20-byte extra, then the data; once the data
/// is written the header is patched in place (in the output buffer if still there, else with `pwrite`) and
/// the reserved extra becomes a ZIP64 extra if a size reached 4 GiB. We patch rather than use data
/// descriptors (bit 3) because the output is a seekable file and patched headers suit every reader,
/// including streaming ones. Central directory records are spilled to an unlinked temporary file as entries
/// complete, so memory does not grow with the number of attachments.
final class ZipStreamWriter: @unchecked Sendable {
    private let output: OutputFile
    private let spill: OutputFile
    private let compressionLevel: Int32
    private let zip64Limit: UInt64
    private let zip64CountLimit: Int

    private var stream: UnsafeMutablePointer<z_stream>?
    private var entryName: [UInt8] = []
    private var entryMethod = ZipRecordLayout.Method.stored
    private var entryHeaderOffset: UInt64 = 0
    private var entryDataOffset: UInt64 = 0
    private var entryCount = 0
    private var directory = ByteWriter(capacity: 1 << 20)
    private var directorySize: UInt64 = 0

    init(output: OutputFile, spill: OutputFile, compressionLevel: Int, zip64Limit: UInt64, zip64CountLimit: Int) {
        self.output = output
        self.spill = spill
        self.compressionLevel = Int32(max(0, min(9, compressionLevel)))
        self.zip64Limit = zip64Limit
        self.zip64CountLimit = zip64CountLimit
    }

    deinit {
        if let stream {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
    }

    func beginEntry(name: [UInt8], method: ZipRecordLayout.Method) throws {
        entryName = name
        entryMethod = method
        entryHeaderOffset = output.position
        try output.write(ZipRecordLayout.localHeader(name: name, method: method))
        entryDataOffset = output.position
        if method == .deflated { try resetDeflater() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        switch entryMethod {
        case .stored: try output.write(bytes)
        case .deflated: try deflate(bytes, finish: false)
        }
    }

    func endEntry(crc: UInt32, uncompressedSize: UInt64) throws {
        if entryMethod == .deflated { try deflate(UnsafeRawBufferPointer(start: nil, count: 0), finish: true) }
        let compressedSize = output.position - entryDataOffset
        let nameLength = entryName.count
        try output.patch(at: entryHeaderOffset, length: ZipRecordLayout.localHeaderFixedSize + nameLength + ZipRecordLayout.reservedLocalExtra) { header in
            ZipRecordLayout.patchLocalHeader(header, nameLength: nameLength, crc: crc, compressedSize: compressedSize,
                                             uncompressedSize: uncompressedSize, limit: zip64Limit)
        }
        let record = ZipRecordLayout.CentralRecord(name: entryName, method: entryMethod, crc: crc,
                                                   compressedSize: compressedSize, uncompressedSize: uncompressedSize,
                                                   localHeaderOffset: entryHeaderOffset)
        ZipRecordLayout.centralHeader(record, limit: zip64Limit, into: &directory)
        entryCount += 1
        if directory.bytes.count >= 1 << 20 { try spillDirectory() }
    }

    /// Appends the central directory and end records, flushes and fsyncs; the caller renames.
    func finish() throws {
        try spillDirectory()
        let directoryOffset = output.position
        try spill.flush()
        try spill.copy(to: output)
        try output.write(ZipRecordLayout.endRecords(entryCount: entryCount, directoryOffset: directoryOffset,
                                                   directorySize: directorySize, limit: zip64Limit,
                                                   countLimit: zip64CountLimit))
        try output.sync()
    }

    private func spillDirectory() throws {
        directorySize += UInt64(directory.bytes.count)
        try spill.write(directory.bytes)
        directory.bytes.removeAll(keepingCapacity: true)
    }

    // MARK: Deflate (raw zlib via CCompressZlib: CompressNIO's ZlibCompressor works on NIO ByteBuffers,
    // which would cost a copy of every chunk in and out)

    private func resetDeflater() throws {
        if let stream {
            guard deflateReset(stream) == Z_OK else { throw output.failure("cannot reset zlib") }
            return
        }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard CCompressZlib_deflateInit2(stream, compressionLevel, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw output.failure("cannot initialise zlib")
        }
        self.stream = stream
    }

    private func deflate(_ bytes: UnsafeRawBufferPointer, finish: Bool) throws {
        guard let stream else { return }
        stream.pointee.next_in = bytes.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        stream.pointee.avail_in = UInt32(bytes.count)
        while true {
            var status: Int32 = Z_OK
            try output.withFreeSpace(minimum: 64 * 1024) { space in
                stream.pointee.next_out = space.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_out = UInt32(space.count)
                status = CCompressZlib.deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                return space.count - Int(stream.pointee.avail_out)
            }
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw output.failure("zlib deflate failed (status \(status))")
            }
            if finish {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0, stream.pointee.avail_out != 0 {
                return
            }
        }
    }
}
