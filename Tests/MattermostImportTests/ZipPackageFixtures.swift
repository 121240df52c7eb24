import Foundation
import ZIPFoundation
@testable import MattermostImport

/// Helpers for the package-writer tests: temporary folders, external zip checkers, reading packages back.
enum ZipPackageFixtures {
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("zip-package-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool; returns exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `unzip -t`: nil when unzip is absent.
    static func unzipTest(_ url: URL) throws -> (status: Int32, output: String)? {
        guard let unzip = tool("unzip") else { return nil }
        return try run(unzip, ["-t", url.path])
    }

    /// Python's zipfile: checks every CRC and prints the entry names in order, one per line, then "OK".
    static func pythonCheck(_ url: URL) throws -> (status: Int32, output: String)? {
        guard let python = tool("python3") ?? (FileManager.default.isExecutableFile(atPath: "/root/.pyenv/shims/python3") ? "/root/.pyenv/shims/python3" : nil) else { return nil }
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            bad = z.testzip()
            for info in z.infolist():
                print(info.filename)
            print("OK" if bad is None else "BAD " + bad)
        """
        return try run(python, ["-c", script, url.path])
    }

    /// Python's view of every entry's header fields: "flags date_time mode create_system", one line each.
    static func pythonHeaderFields(_ url: URL) throws -> [String]? {
        guard let python = tool("python3") ?? (FileManager.default.isExecutableFile(atPath: "/root/.pyenv/shims/python3") ? "/root/.pyenv/shims/python3" : nil) else { return nil }
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            for i in z.infolist():
                print(hex(i.flag_bits & 0x800), i.date_time, oct(i.external_attr >> 16), i.create_system)
        """
        let result = try run(python, ["-c", script, url.path])
        guard result.status == 0 else { return [result.output] }
        return result.output.split(separator: "\n").map(String.init)
    }

    /// Every entry's name and contents, in central-directory order, read with ZIPFoundation.
    static func readWithZIPFoundation(_ url: URL) throws -> [(name: String, data: Data, compressed: Bool)] {
        let archive = try Archive(url: url, accessMode: .read)
        var result: [(String, Data, Bool)] = []
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
            result.append((entry.path, data, entry.isCompressed))
        }
        return result
    }

    /// Writes a small package with the given lines and files.
    static func writePackage(to url: URL, lines: [String], files: [(String, Data)],
                             zip64Limit: UInt64 = 0xFFFF_FFFF, zip64CountLimit: Int = 0xFFFF) throws {
        let writer = try ImportPackageWriter(destination: url, compressionLevel: 1,
                                             zip64Limit: zip64Limit, zip64CountLimit: zip64CountLimit)
        for line in lines { try writer.writeJSONLLine(line) }
        for (path, data) in files {
            try writer.addFile(at: path, size: Int64(data.count)) { write in
                try data.withUnsafeBytes { try write($0) }
            }
        }
        try writer.finish()
    }
}
