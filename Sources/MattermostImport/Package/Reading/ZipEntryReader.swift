import CCompressZlib

/// Streams one zip entry's data: `pread` of exactly its compressed bytes, raw inflate (zlib), CRC32 and size
/// checks. Safe to run on several threads at once against one `RandomAccessFile`.
enum ZipEntryReader {
    static let inputChunk = 64 * 1024
    static let outputChunk = 64 * 1024

    static func read(_ record: ZipCentralDirectoryRecord, name: String, from file: RandomAccessFile,
                     chunk consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        func failure(_ kind: ArchiveError.Kind, _ message: String) -> ArchiveError {
            ArchiveError(kind, archive: file.displayName, entry: name, message: message)
        }
        if record.isEncrypted {
            throw failure(.unsupportedEntry, "entry is encrypted (export the data again without a password)")
        }
        guard record.compressionMethod == 0 || record.compressionMethod == 8 else {
            throw failure(.unsupportedEntry, "unsupported compression method \(record.compressionMethod) (only stored and deflate are supported; re-zip the export)")
        }
        let header = try file.readBytes(at: record.localHeaderOffset, count: 30, entry: name)
        guard header[0] == 0x50, header[1] == 0x4b, header[2] == 3, header[3] == 4 else {
            throw failure(.damagedArchive, "local header at byte \(record.localHeaderOffset) is damaged")
        }
        let nameLength = UInt64(header[26]) | UInt64(header[27]) << 8
        let extraLength = UInt64(header[28]) | UInt64(header[29]) << 8
        let dataOffset = record.localHeaderOffset + 30 + nameLength + extraLength
        guard record.compressedSize <= file.size, dataOffset <= file.size - record.compressedSize else {
            throw failure(.damagedArchive, "entry data runs past the end of the file (the zip is truncated; download the export again)")
        }
        var checksum: UInt = crc32(0, nil, 0)
        var produced: UInt64 = 0
        let emit = { (bytes: UnsafeRawBufferPointer) throws in
            guard bytes.count > 0 else { return }
            produced += UInt64(bytes.count)
            guard produced <= record.uncompressedSize else {
                throw failure(.corruptEntry, "entry holds more data than its recorded size \(record.uncompressedSize) (the zip is damaged)")
            }
            checksum = crc32(checksum, bytes.baseAddress!.assumingMemoryBound(to: Bytef.self), UInt32(bytes.count))
            try consume(bytes)
        }
        if record.compressionMethod == 0 {
            try copyStored(record, dataOffset: dataOffset, file: file, name: name, emit: emit)
        } else {
            try inflate(record, dataOffset: dataOffset, file: file, name: name, emit: emit, failure: failure)
        }
        guard produced == record.uncompressedSize else {
            throw failure(.corruptEntry, "entry holds \(produced) bytes, expected \(record.uncompressedSize) (the zip is damaged)")
        }
        guard UInt32(truncatingIfNeeded: checksum) == record.crc32 else {
            throw failure(.corruptEntry, "CRC mismatch (the zip is damaged; download the export again)")
        }
    }

    private static func copyStored(_ record: ZipCentralDirectoryRecord, dataOffset: UInt64, file: RandomAccessFile,
                                   name: String, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        let capacity = Int(min(UInt64(outputChunk), max(record.compressedSize, 1)))
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        var offset: UInt64 = 0
        while offset < record.compressedSize {
            let count = Int(min(UInt64(capacity), record.compressedSize - offset))
            let slice = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<count])
            try file.readFully(at: dataOffset + offset, into: slice, entry: name)
            try emit(UnsafeRawBufferPointer(slice))
            offset += UInt64(count)
        }
    }

    private static func inflate(_ record: ZipCentralDirectoryRecord, dataOffset: UInt64, file: RandomAccessFile,
                                name: String, emit: (UnsafeRawBufferPointer) throws -> Void,
                                failure: (ArchiveError.Kind, String) -> ArchiveError) throws {
        try ZipInflaterPool.withInflater { inflater in
            guard inflater.start() else { throw failure(.unreadableInput, "cannot initialise zlib") }
            try inflate(record, dataOffset: dataOffset, file: file, name: name, with: inflater, emit: emit, failure: failure)
        }
    }

    private static func inflate(_ record: ZipCentralDirectoryRecord, dataOffset: UInt64, file: RandomAccessFile,
                                name: String, with inflater: ZipInflater, emit: (UnsafeRawBufferPointer) throws -> Void,
                                failure: (ArchiveError.Kind, String) -> ArchiveError) throws {
        let (stream, input, output) = (inflater.stream, inflater.input, inflater.output)
        var consumed: UInt64 = 0
        while true {
            if stream.pointee.avail_in == 0 {
                guard consumed < record.compressedSize else {
                    throw failure(.corruptEntry, "compressed data ends before the deflate stream does (the zip is damaged)")
                }
                let count = Int(min(UInt64(inputChunk), record.compressedSize - consumed))
                let slice = UnsafeMutableRawBufferPointer(rebasing: input[0..<count])
                try file.readFully(at: dataOffset + consumed, into: slice, entry: name)
                consumed += UInt64(count)
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.pointee.avail_in = UInt32(count)
            }
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(outputChunk)
            let status = CCompressZlib.inflate(stream, Z_NO_FLUSH)
            let written = outputChunk - Int(stream.pointee.avail_out)
            try emit(UnsafeRawBufferPointer(rebasing: output[0..<written]))
            switch status {
            case Z_STREAM_END:
                return
            case Z_OK, Z_BUF_ERROR:
                continue
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw failure(.corruptEntry, "cannot inflate (\(detail); the zip is damaged)")
            }
        }
    }
}
