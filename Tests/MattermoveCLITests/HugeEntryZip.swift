import Foundation
import TestSupport

/// Writes small zips whose one day file inflates to gigabytes (hostile-input tests): the repeated run
/// is deflated once as a 1 MiB block and that block is repeated, so a 2 GiB entry takes seconds and
/// about 2 MB of disk. Made with `python3`'s zlib (the standard library), which tests check for.
enum HugeEntryZip {
    static var hasPython: Bool { ExternalTool.exists("python3") }

    /// - Parameters: `small`: path → content of ordinary entries; the huge entry is `prefix`, then `count`
    ///   MiB of `byte`, then `suffix`.
    static func write(to url: URL, small: [String: String], hugeName: String, prefix: String, byte: UInt8,
                      mebibytes count: Int, suffix: String) throws {
        let spec: [String: Any] = ["out": url.path, "small": small, "name": hugeName, "prefix": prefix, "byte": Int(byte),
                                   "count": count, "suffix": suffix]
        let result = try ExternalTool.run("python3", ["-c", script, String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.output]) }
    }

    private static let script = #"""
import json, struct, sys, zlib
spec = json.loads(sys.argv[1])
out = open(spec["out"], "wb")
central = []

def deflated(data):
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)

def entry(name, pieces, crc, size):
    name = name.encode()
    offset = out.tell()
    body = b"".join(pieces) if not callable(pieces) else None
    csize = len(body) if body is not None else pieces(None)
    out.write(struct.pack("<IHHHHHIIIHH", 0x04034b50, 20, 0, 8, 0, 0x21, crc, csize, size, len(name), 0) + name)
    if body is not None: out.write(body)
    else: pieces(out)
    central.append((name, crc, csize, size, offset))

for name, text in sorted(spec["small"].items()):
    data = text.encode()
    entry(name, [zlib.compress(data)[2:-4]], zlib.crc32(data), len(data))

chunk = bytes([spec["byte"]]) * (1 << 20)
block = deflated(chunk)
prefix, suffix = spec["prefix"].encode(), spec["suffix"].encode()
head, tail = deflated(prefix), deflated(suffix) + zlib.compressobj(6, zlib.DEFLATED, -15).flush()
count = spec["count"]
crc = zlib.crc32(prefix)
for _ in range(count): crc = zlib.crc32(chunk, crc)
crc = zlib.crc32(suffix, crc)
size = len(prefix) + count * len(chunk) + len(suffix)
def huge(f):
    if f is None: return len(head) + count * len(block) + len(tail)
    f.write(head)
    for _ in range(count): f.write(block)
    f.write(tail)
entry(spec["name"], huge, crc & 0xffffffff, size)

start = out.tell()
for name, crc, csize, size, offset in central:
    out.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014b50, 20, 20, 0, 8, 0, 0x21, crc, csize, size, len(name), 0, 0, 0, 0, 0, offset) + name)
end = out.tell()
out.write(struct.pack("<IHHHHIIH", 0x06054b50, 0, 0, len(central), len(central), end - start, start, 0))
out.close()
"""#
}

/// Runs the built `mattermove` and reports its own peak RSS. A forked grandchild is measured (through a
/// few lines of Python that fork, exec and `wait4`), because Linux charges a process spawned with
/// `posix_spawn`/`vfork` the spawning process's peak RSS (the test runner's, hundreds of MiB in a full
/// run), which would hide the conversion's own figure.
enum MeasuredRun {
    struct Result {
        var status: Int32
        var stderr: String
        var peakRSSMiB: Int
    }

    static let measure = """
        import os, sys
        pid = os.fork()
        if pid == 0:
            null = os.open("/dev/null", os.O_WRONLY)
            os.dup2(null, 1)
            err = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(err, 2)
            os.execv(sys.argv[2], sys.argv[2:])
        _, status, usage = os.wait4(pid, 0)
        print(usage.ru_maxrss)
        sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
        """

    static func run(_ arguments: [String]) throws -> Result {
        let errURL = TemporaryDirectory.root.appendingPathComponent("mattermove-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errURL) }
        let result = try ExternalTool.run("python3", ["-c", measure, errURL.path, CLIRunner.executable.path] + arguments)
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        let kib = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? Int.max / 2
        return Result(status: result.status, stderr: stderr, peakRSSMiB: kib / 1024)
    }
}
