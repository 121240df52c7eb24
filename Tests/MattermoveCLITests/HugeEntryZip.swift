import Foundation

/// Writes small zips whose one day file inflates to gigabytes (hostile-input tests): the repeated run
/// is deflated once as a 1 MiB block and that block is repeated, so a 2 GiB entry takes seconds and
/// about 2 MB of disk. Made with `python3`'s zlib (the standard library), which tests check for.
enum HugeEntryZip {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// - Parameters: `small`: path → content of ordinary entries; the huge entry is `prefix`, then `count`
    ///   MiB of `byte`, then `suffix`.
    static func write(to url: URL, small: [String: String], hugeName: String, prefix: String, byte: UInt8,
                      mebibytes count: Int, suffix: String) throws {
        guard let python else { throw CocoaError(.fileWriteUnknown) }
        let spec: [String: Any] = ["out": url.path, "small": small, "name": hugeName, "prefix": prefix, "byte": Int(byte),
                                   "count": count, "suffix": suffix]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script, String(decoding: try JSONSerialization.data(withJSONObject: spec), as: UTF8.self)]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
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

/// Runs the built `mattermove` as a child and reports its own peak RSS (`wait4`), so the figure is
/// the conversion's, not the test process's.
enum MeasuredRun {
    struct Result {
        var status: Int32
        var stderr: String
        var peakRSSMiB: Int
    }

    static func run(_ arguments: [String]) throws -> Result {
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("mattermove-stderr-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: errURL) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errURL.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([CLIRunner.executable.path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, CLIRunner.executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return Result(status: exit, stderr: stderr, peakRSSMiB: usage.ru_maxrss / 1024)
    }
}
