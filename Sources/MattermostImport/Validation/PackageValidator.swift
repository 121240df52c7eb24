import Foundation
import ZIPFoundation

/// Validates a Mattermost bulk-import package (a .zip, or a bare .jsonl) without importing it: every
/// rule of the spec's §1–§12, save-time rules, references and duplicates (§18), dedupe hazards (§14).
/// The JSONL is streamed in chunks; memory grows with the number of names, not with the file size.
public struct PackageValidator: Sendable {
    public let options: ValidationOptions
    static let readChunkBytes = 1 << 20

    public init(options: ValidationOptions = ValidationOptions()) {
        self.options = options
    }

    /// Validates a .zip (JSONL = first `.jsonl` at the archive root, files under `data/`) or a bare .jsonl.
    /// Throws only when the input cannot be read at all.
    public func validate(packageAt url: URL) throws(ValidationInputError) -> ValidationReport {
        let path = url.path
        let head = try Self.readHead(of: url)
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try validateZip(at: url)
        }
        let looksLikeJSONL = url.pathExtension.lowercased() == "jsonl"
            || head.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) == UInt8(ascii: "{")
            || head.starts(with: [0xEF, 0xBB, 0xBF])
        guard looksLikeJSONL else {
            if head.starts(with: [0x50, 0x4B]) || url.pathExtension.lowercased() == "zip" {
                throw .corruptZip(path: path, reason: "it does not start with a zip header")
            }
            throw .notAPackage(path: path)
        }
        return try validateBareJSONL(at: url)
    }

    /// Validates lines given as strings (without their LF), e.g. straight from a writer in tests.
    public func validate(jsonlLines: some Sequence<String>) -> ValidationReport {
        let checker = LineChecker(options: options, container: nil)
        for (offset, line) in jsonlLines.enumerated() {
            var line = line
            if line.utf8.count > MattermostLimits.maxLineBytes {
                checker.apply(.tooLong, number: offset + 1)
                continue
            }
            line.withUTF8 { checker.check(line: UnsafeRawBufferPointer($0), number: offset + 1) }
        }
        return checker.finish()
    }

    /// Validates JSONL bytes held in memory (small inputs and tests).
    public func validate(jsonl bytes: [UInt8]) -> ValidationReport {
        let checker = LineChecker(options: options, container: nil)
        var splitter = LineSplitter()
        var sink = LineChecker.Sink(checker: checker)
        bytes.withUnsafeBytes { raw in splitter.feed(raw, into: &sink) }
        splitter.finish(into: &sink)
        return checker.finish()
    }

    private static func readHead(of url: URL) throws(ValidationInputError) -> [UInt8] {
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            return Array(try handle.read(upToCount: 4) ?? Data())
        } catch {
            throw .unreadable(path: url.path, reason: Self.describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }

    private func validateBareJSONL(at url: URL) throws(ValidationInputError) -> ValidationReport {
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.uint64Value ?? 0
        let checker = LineChecker(options: options, container: nil, jsonlBytes: size)
        checker.log.warning(ImportErrorID.bareJSONL, line: 0,
                            "\(url.lastPathComponent) is a bare .jsonl: Mattermost imports only zips, and attachment files cannot be checked")
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: url.path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        do {
            try ParsingPipeline.run({ consume in
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunkBytes, alignment: 16)
                defer { buffer.deallocate() }
                while true {
                    let count = read(descriptor, buffer.baseAddress, buffer.count)
                    if count == 0 { return }
                    if count < 0 {
                        if errno == EINTR { continue }
                        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                    }
                    consume(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
                }
            }, into: checker)
        } catch {
            throw .unreadable(path: url.path, reason: Self.describe(error))
        }
        return checker.finish()
    }

    private func validateZip(at url: URL) throws(ValidationInputError) -> ValidationReport {
        let path = url.path
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw .corruptZip(path: path, reason: "no readable central directory; the file may be truncated")
        }
        let layout = ZipLayout(archive: archive)
        guard let jsonlEntry = layout.jsonlEntry else { throw .missingJSONL(path: path) }
        let checker = LineChecker(options: options, container: layout.container, jsonlBytes: jsonlEntry.uncompressedSize)
        layout.report(into: &checker.log)
        // Entry contents are read with ZipFileReader: ZIPFoundation's extract never returns on a
        // deflate stream cut short by the end of the file, and its CRC loop is slow on Linux.
        let reader: ZipFileReader
        do {
            reader = try ZipFileReader(url: url)
        } catch {
            throw .corruptZip(path: path, reason: Self.describe(error))
        }
        guard let entry = reader.entries.first(where: { $0.name == jsonlEntry.path }) else { throw .missingJSONL(path: path) }
        let source = ThreadHandoff(value: (reader, entry))
        do {
            try ParsingPipeline.run({ consume in
                let (reader, entry) = source.value
                try reader.read(entry) { chunk in consume(chunk) }
            }, into: checker)
        } catch let error as ValidationInputError {
            throw error
        } catch {
            throw .corruptZip(path: path, reason: "cannot read \(jsonlEntry.path): \(Self.describe(error))")
        }
        EmojiImageCheck.run(checker.emojiImages, reader: reader, log: &checker.log)
        return checker.finish()
    }
}
