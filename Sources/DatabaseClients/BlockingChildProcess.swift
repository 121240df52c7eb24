import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// Output is read in chunks of this size: few system calls, bounded memory.
    private static let blockingChunkBytes = 256 * 1024

    /// Runs the tool and hands each chunk of its standard output to `consumer` on the calling thread,
    /// for synchronous readers (the source readers' `SQLRowReader`s). When `consumer` throws, the tool
    /// is stopped at once and the error passes through.
    public static func forEachOutputChunk(_ invocation: ToolInvocation, _ consumer: ([UInt8]) throws -> Void) throws {
        let executable = ToolLocator.path(for: invocation.tool)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = invocation.arguments
        var environment = ProcessInfo.processInfo.environment
        for key in scrubbedVariables { environment[key] = nil }
        for (key, value) in invocation.environment { environment[key] = value }
        process.environment = environment
        let output = Pipe(), standardError = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = standardError
        // Foundation's waitUntilExit polls its run loop every 50 ms, which cost a source reader's many
        // short queries (column lists, users, rooms) most of their time; the handler signals at once.
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            throw cannotRun(executable, "\(error.localizedDescription)")
        }
        // Standard error is drained on its own thread, so a chatty tool never blocks on a full pipe.
        let errorTail = TailBuffer(limit: standardErrorTailBytes)
        let errorDrained = DispatchSemaphore(value: 0)
        let errorHandle = standardError.fileHandleForReading
        Thread.detachNewThread {
            while true {
                let data = errorHandle.availableData
                if data.isEmpty { break }
                errorTail.append(Array(data))
            }
            errorDrained.signal()
        }
        let descriptor = output.fileHandleForReading.fileDescriptor
        var buffer = [UInt8](repeating: 0, count: blockingChunkBytes)
        do {
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw DatabaseClientError("\(invocation.tool): cannot read its output (\(String(cString: strerror(errno))))")
                }
                if count == 0 { break }
                try consumer(Array(buffer[0..<count]))
            }
        } catch {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            exited.wait()
            errorDrained.wait()
            throw error
        }
        exited.wait()
        errorDrained.wait()
        if process.terminationReason == .uncaughtSignal {
            throw invocation.failure(invocation.tool, "killed by signal \(process.terminationStatus)", errorTail.text)
        }
        guard process.terminationStatus == 0 else {
            throw invocation.failure(invocation.tool, "exit status \(process.terminationStatus)", errorTail.text)
        }
    }
}
