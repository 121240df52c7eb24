import Foundation
import TestSupport
import ZIPFoundation
@testable import MattermostImport

/// Helpers for the package-writer tests: temporary folders, external zip checkers, reading packages back.
enum ZipPackageFixtures {
    static func temporaryDirectory() throws -> URL { try TemporaryDirectory.make("zip-package-tests") }

    /// Runs a tool; returns exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try ExternalTool.run(executable, arguments)
        return (result.status, result.output)
    }

    /// The checkers these tests compare against (`.ci/run` installs them).
    static let checkersPresent = ExternalTool.exists("unzip") && ExternalTool.exists("python3")

    /// `unzip -t`.
    static func unzipTest(_ url: URL) throws -> (status: Int32, output: String) {
        try run("unzip", ["-t", url.path])
    }

    /// Python's zipfile: checks every CRC and prints the entry names in order, one per line, then "OK".
    static func pythonCheck(_ url: URL) throws -> (status: Int32, output: String) {
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            bad = z.testzip()
            for info in z.infolist():
                print(info.filename)
            print("OK" if bad is None else "BAD " + bad)
        """
        return try run("python3", ["-c", script, url.path])
    }

    /// Python's view of every entry's header fields: "flags date_time mode create_system", one line each.
    static func pythonHeaderFields(_ url: URL) throws -> [String] {
        let script = """
        import sys, zipfile
        with zipfile.ZipFile(sys.argv[1]) as z:
            for i in z.infolist():
                print(hex(i.flag_bits & 0x800), i.date_time, oct(i.external_attr >> 16), i.create_system)
        """
        let result = try run("python3", ["-c", script, url.path])
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
