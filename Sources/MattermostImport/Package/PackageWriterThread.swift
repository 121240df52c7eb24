/// The loop of the package writer's background thread: executes the caller's commands in order on the
/// `ZipStreamWriter`. After a failure it keeps draining (recycling chunks, so the caller never blocks
/// forever) and reports the first error through the pipeline.
enum PackageWriterThread {
    static func run(_ writer: ZipStreamWriter, pipeline: PackageWritePipeline, packageName: String) {
        var failed = false
        func attempt(_ body: () throws -> Void) {
            guard !failed else { return }
            do {
                try body()
            } catch let error as ArchiveError {
                failed = true
                pipeline.recordFailure(error)
            } catch {
                failed = true
                pipeline.recordFailure(ArchiveError(.io, archive: packageName, message: "\(error)"))
            }
        }
        var batch: [PackageWriteCommand] = []
        loop: while true {
            pipeline.nextCommands(reusing: &batch)
            for command in batch {
                switch command {
                case .beginEntry(let name, let method):
                    attempt { try writer.beginEntry(name: name, method: method) }
                case .data(let chunk, let offset, let count, let recycle):
                    attempt { try writer.write(UnsafeRawBufferPointer(start: chunk.base + offset, count: count)) }
                    if recycle { pipeline.recycle(chunk) }
                case .endEntry(let crc, let size):
                    attempt { try writer.endEntry(crc: crc, uncompressedSize: size) }
                case .finish:
                    attempt { try writer.finish() }
                    break loop
                case .abort:
                    break loop
                }
            }
        }
        pipeline.markWriterDone()
    }
}
