import CCompressZlib
import Foundation

/// Why a gzip stream cannot be inflated.
public struct GzipStreamError: Error, Equatable, Sendable {
    public enum Kind: Sendable { case notGzip, damaged, truncated }
    public let kind: Kind
    /// Compressed bytes read before the problem.
    public let offset: Int64
}

/// Streaming gunzip (zlib's inflate, gzip framing; concatenated members as `gzip -d` reads them):
/// compressed chunks in, plaintext chunks to a closure, with a fixed 256 KiB output buffer. Raw zlib
/// rather than CompressNIO's ByteBuffer API, to avoid a copy of every chunk in and out.
public final class GzipStreamInflater {
    private let stream: UnsafeMutablePointer<z_stream>
    private var output: UnsafeMutableRawBufferPointer
    private var consumed: Int64 = 0
    private var inMember = false
    private var sawMember = false

    public init() throws {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        output = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
        guard CCompressZlib_inflateInit2(stream, 15 + 16) == Z_OK else {
            throw GzipStreamError(kind: .damaged, offset: 0)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Inflates `chunk`, handing every produced byte to `body`.
    public func feed(_ chunk: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(chunk.count)
        let start = consumed
        defer { consumed = start + Int64(chunk.count) }
        while stream.pointee.avail_in > 0 {
            if !inMember {
                // A new member must start with the gzip magic; anything else after a member is damage.
                let first = stream.pointee.next_in.pointee
                if sawMember && first == 0 { break } // zero padding after the last member, as `gzip -d` allows
                guard first == 0x1f else {
                    throw GzipStreamError(kind: sawMember ? .damaged : .notGzip,
                                          offset: start + Int64(chunk.count) - Int64(stream.pointee.avail_in))
                }
                inMember = true
                sawMember = true
            }
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try body(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                inMember = false
                guard inflateReset(stream) == Z_OK else { throw GzipStreamError(kind: .damaged, offset: start) }
            default:
                let offset = start + Int64(chunk.count) - Int64(stream.pointee.avail_in)
                throw GzipStreamError(kind: offset < 10 ? .notGzip : .damaged, offset: offset)
            }
        }
        // Drain output that zlib holds back when the input ran out exactly.
        while inMember {
            stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(output.count)
            let status = inflate(stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.pointee.avail_out)
            if produced > 0 { try body(UnsafeRawBufferPointer(rebasing: output[0..<produced])) }
            if status == Z_STREAM_END {
                inMember = false
                guard inflateReset(stream) == Z_OK else { throw GzipStreamError(kind: .damaged, offset: consumed) }
            }
            if produced == 0 || status != Z_OK { break }
        }
    }

    /// Checks that the stream ended at the end of a gzip member.
    public func finish() throws {
        if inMember || !sawMember { throw GzipStreamError(kind: sawMember ? .truncated : .notGzip, offset: consumed) }
    }
}
