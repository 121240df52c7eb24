import CCompressZlib
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a Mattermost import package: a zip with `import.jsonl` as its first entry, then files below
/// `data/` (spec §1.2), streamed — neither the JSONL nor any file is held in memory.
///
/// Hand-written on zlib rather than ZIPFoundation's `addEntry`, which rewrites the central directory on
/// every entry (quadratic for 100k attachments), needs sizes up front and has a fixed compression level.
///
/// - The package is written to `.<name>.partial-<pid>` next to the destination and renamed into place by
///   `finish()` after an fsync; `abort()` (or dropping the writer unfinished) deletes it.
/// - Compression and file I/O run on a background thread fed through a bounded queue of 1 MiB chunks, so the
///   caller keeps producing lines while the previous chunk is deflated; memory stays flat.
/// - Deterministic: fixed timestamps (1980-01-01) and attributes (0644), entries in call order, so the
///   same calls give byte-identical packages.
/// - Every entry has the UTF-8 flag; ZIP64 records appear only when a size, an offset or the entry count
///   needs them.
/// - Already-compressed media (jpg, png, mp4, pdf, zip, …) are stored, everything else deflated.
///
/// Not thread-safe: call it from one thread (or task) at a time.
public final class ImportPackageWriter {
    public let destination: URL
    /// The temporary file being written; renamed to `destination` by `finish()`.
    public let temporaryURL: URL
    /// Lines written to `import.jsonl` so far.
    public private(set) var jsonlLineCount = 0
    /// Files added below `data/` so far.
    public private(set) var fileCount = 0

    private enum State { case jsonl, files, finished, aborted, failed }

    private let packageName: String
    private let pipeline = PackageWritePipeline(chunkCount: 4)
    private let compressDefault: ZipRecordLayout.Method
    private let outputDescriptor: Int32
    private let spillDescriptor: Int32
    private var state = State.jsonl
    private var chunk: PackageChunk?
    private var entryActive = false
    private var entryCRC: UInt = 0
    private var entrySize: UInt64 = 0
    private var names: Set<String> = []

    /// Starts a package at `destination` (a `.zip` path whose folder exists).
    /// - Parameter compressionLevel: zlib level 0–9 for deflated entries; 1 is fast and compresses JSON ~5×.
    public convenience init(destination: URL, compressionLevel: Int = 1) throws {
        try self.init(destination: destination, compressionLevel: compressionLevel,
                      zip64Limit: ZipRecordLayout.zip64Limit, zip64CountLimit: ZipRecordLayout.zip64EntryCountLimit)
    }

    /// `zip64Limit`/`zip64CountLimit` are lowered by tests to exercise the ZIP64 records on small packages.
    init(destination: URL, compressionLevel: Int, zip64Limit: UInt64, zip64CountLimit: Int) throws {
        self.destination = destination
        packageName = destination.lastPathComponent
        let folder = destination.deletingLastPathComponent()
        let (outputURL, output) = try PackageFiles.createExclusive(in: folder, prefix: ".\(packageName).partial-\(getpid())",
                                                      packageName: packageName)
        let (spillURL, spill) = try PackageFiles.createExclusive(in: folder, prefix: ".\(packageName).directory-\(getpid())",
                                                    packageName: packageName)
        // The central-directory spill file is only needed while open; unlinking now means no cleanup.
        unlink(spillURL.path)
        temporaryURL = outputURL
        outputDescriptor = output
        spillDescriptor = spill
        compressDefault = compressionLevel == 0 ? .stored : .deflated

        let writer = ZipStreamWriter(
            output: OutputFile(descriptor: output, displayName: packageName),
            spill: OutputFile(descriptor: spill, displayName: packageName),
            compressionLevel: compressionLevel, zip64Limit: zip64Limit, zip64CountLimit: zip64CountLimit)
        let pipeline = self.pipeline
        let name = packageName
        let thread = Thread { PackageWriterThread.run(writer, pipeline: pipeline, packageName: name) }
        thread.name = "mattermove.package-writer"
        thread.start()

        beginEntry(PackageEntryName.jsonl, method: compressDefault)
    }

    deinit {
        if state != .finished && state != .aborted { abort() }
    }

    // MARK: - import.jsonl

    /// Appends one line (without its line feed) to `import.jsonl`. Only before the first `addFile`.
    public func writeJSONLLine(_ line: UnsafeRawBufferPointer) throws {
        guard state == .jsonl else {
            throw stateError("writeJSONLLine after import.jsonl was closed by addFile/finish")
        }
        guard line.count > 0, memchr(line.baseAddress!, 0x0A, line.count) == nil else {
            throw ArchiveError(.invalidLine, archive: packageName, entry: PackageEntryName.jsonl,
                                     message: "line \(jsonlLineCount + 1) is empty or contains a line feed")
        }
        try append(line)
        try withUnsafeBytes(of: UInt8(0x0A)) { try append($0) }
        jsonlLineCount += 1
    }

    public func writeJSONLLine(_ line: [UInt8]) throws {
        try line.withUnsafeBytes { try writeJSONLLine($0) }
    }

    public func writeJSONLLine(_ line: Data) throws {
        try line.withUnsafeBytes { try writeJSONLLine($0) }
    }

    /// Any byte collection (e.g. an `ArraySlice<UInt8>`); contiguous ones are not copied.
    public func writeJSONLLine<Bytes: Collection<UInt8>>(_ line: Bytes) throws {
        let written: Void? = try line.withContiguousStorageIfAvailable { try writeJSONLLine(UnsafeRawBufferPointer($0)) }
        if written == nil { try writeJSONLLine(Array(line)) }
    }

    public func writeJSONLLine(_ line: String) throws {
        var line = line
        try line.withUTF8 { try writeJSONLLine(UnsafeRawBufferPointer($0)) }
    }

    // MARK: - data/ files

    /// Adds a file at `data/<path>`, where `path` is the attachment path as written in JSONL (e.g.
    /// `"F123/report.pdf"`). Closes `import.jsonl` on the first call.
    ///
    /// - Parameters:
    ///   - path: relative path; NFC-normalised; must not be absolute, contain `..`/`.`/empty components,
    ///     backslashes or control characters, and must be unique.
    ///   - size: the expected size in bytes, checked after `contents` ran (nil: not checked).
    ///   - contents: produces the bytes by calling `write` any number of times.
    /// - Returns: the zip entry name (`"data/<NFC path>"`).
    @discardableResult
    public func addFile(at path: String, size: Int64?,
                        contents: (_ write: (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws -> String {
        guard state == .jsonl || state == .files else { throw stateError("addFile after finish, abort or a failure") }
        guard let name = PackageEntryName.dataEntry(forAttachmentPath: path) else {
            throw ArchiveError(.invalidPath, archive: packageName, entry: path,
                                     message: "attachment path must be relative, without '..', '.', empty components, backslashes or control characters, and under 64 KiB")
        }
        guard !names.contains(name) else {
            throw ArchiveError(.duplicatePath, archive: packageName, entry: name, message: "a file with this path was already added")
        }
        try endEntry()
        state = .files
        names.insert(name)
        beginEntry(name, method: PackageEntryName.isPrecompressed(name) ? .stored : compressDefault)
        do {
            try contents { bytes in try self.append(bytes) }
            try handOver(recycle: false)
        } catch {
            state = .failed
            throw error
        }
        if let size, UInt64(clamping: size) != entrySize {
            state = .failed
            throw ArchiveError(.sizeMismatch, archive: packageName, entry: name,
                                     message: "expected \(size) bytes, got \(entrySize) (did the file change while being copied?)")
        }
        try endEntry()
        fileCount += 1
        return name
    }

    /// Adds the file at `fileURL` as `data/<path>`, streaming it from disk.
    @discardableResult
    public func addFile(at path: String, copyingFrom fileURL: URL) throws -> String {
        let fd = open(fileURL.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            throw ArchiveError(.io, archive: packageName, entry: path,
                                     message: "cannot open \(fileURL.path) (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ArchiveError(.io, archive: packageName, entry: path, message: "cannot stat \(fileURL.path)")
        }
        let capacity = PackageChunk.capacity
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 64)
        defer { scratch.deallocate() }
        let packageName = self.packageName
        return try addFile(at: path, size: Int64(info.st_size)) { write in
            while true {
                let n = read(fd, scratch, capacity)
                if n == 0 { return }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ArchiveError(.io, archive: packageName, entry: path,
                                             message: "cannot read \(fileURL.path) (\(String(cString: strerror(errno))))")
                }
                try write(UnsafeRawBufferPointer(start: scratch, count: n))
            }
        }
    }

    // MARK: - Finishing

    /// Writes the central directory, fsyncs, and renames the package into place (replacing an existing
    /// file at `destination`). Closes `import.jsonl` if no file was added.
    public func finish() throws {
        guard state == .jsonl || state == .files else { throw stateError("finish after finish, abort or a failure") }
        do {
            try endEntry()
        } catch {
            abort()
            throw error
        }
        pipeline.send(.finish)
        let failure = pipeline.waitUntilWriterDone()
        closeDescriptors()
        if let failure {
            unlink(temporaryURL.path)
            state = .failed
            throw failure
        }
        guard rename(temporaryURL.path, destination.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryURL.path)
            state = .failed
            throw ArchiveError(.io, archive: packageName, message: "cannot rename the finished package into place (\(reason))")
        }
        PackageFiles.syncFolder(destination.deletingLastPathComponent())
        state = .finished
    }

    /// Stops writing and deletes the temporary file; nothing appears at `destination`.
    public func abort() {
        guard state != .finished && state != .aborted else { return }
        chunk = nil
        pipeline.send(.abort)
        _ = pipeline.waitUntilWriterDone()
        closeDescriptors()
        unlink(temporaryURL.path)
        state = .aborted
    }

    // MARK: - Internals

    private func stateError(_ message: String) -> ArchiveError {
        ArchiveError(.wrongState, archive: packageName, message: message)
    }

    private func beginEntry(_ name: String, method: ZipRecordLayout.Method) {
        entryCRC = crc32(0, nil, 0)
        entrySize = 0
        entryActive = true
        pipeline.send(.beginEntry(name: Array(name.utf8), method: method))
    }

    private func endEntry() throws {
        guard entryActive else { return }
        try handOver(recycle: false)
        entryActive = false
        pipeline.send(.endEntry(crc: UInt32(truncatingIfNeeded: entryCRC), uncompressedSize: entrySize))
    }

    private func append(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let current: PackageChunk
            if let chunk { current = chunk } else { current = pipeline.takeFreeChunk(); chunk = current }
            let n = min(current.free, bytes.count - offset)
            (current.base + current.count).copyMemory(from: bytes.baseAddress! + offset, byteCount: n)
            current.count += n
            offset += n
            if current.free == 0 { try handOver(recycle: true) }
        }
    }

    /// Hands the chunk's filled, not yet handed-over bytes to the writer as data of the current entry
    /// (CRC and size counted here, on the caller's core). `recycle`: the chunk is full or no longer needed.
    private func handOver(recycle: Bool) throws {
        guard let current = chunk else { return }
        let count = current.count - current.handedOver
        if count > 0 {
            entryCRC = crc32(entryCRC, (current.base + current.handedOver).assumingMemoryBound(to: Bytef.self), UInt32(count))
            entrySize += UInt64(count)
        }
        if count > 0 || recycle {
            pipeline.send(.data(current, offset: current.handedOver, count: count, recycle: recycle), publishNow: recycle)
        }
        current.handedOver = current.count
        guard recycle else { return }
        chunk = nil
        if let failure = pipeline.writerFailure {
            state = .failed
            throw failure
        }
    }

    private func closeDescriptors() {
        close(outputDescriptor)
        close(spillDescriptor)
    }
}
