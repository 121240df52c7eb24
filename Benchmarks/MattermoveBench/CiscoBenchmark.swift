import Foundation
import MigrationCore
import SourceToolkit
import XMPPSource

/// The Cisco IM&P benchmark: generated CSV tables (`--tables-dir`, the path MS SQL/Oracle sites use)
/// converted against the floor of loading the same CSV files into SQLite with `sqlite3 .import`
/// (what the reader does first), paired run by run in child processes measured with `wait4`.
enum CiscoBenchmark {
    static let childCommand = "cisco-convert"

    /// Writes `jm.csv` with `rows` rows (1:1 IMs between 1,000 users, each stored outbound and
    /// inbound), `tc_msgarchive.csv` with a tenth as many room messages in 50 rooms, and the room and
    /// member tables; streamed to disk a megabyte at a time.
    static func generate(at directory: URL, rows: Int) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write(directory.appendingPathComponent("tc_rooms.csv"), header: "ROOM_JID,SUBJECT,TYPE,CONFIG", count: 50) { i in
            "room\(i)@conference.example.com,Topic \(i),persistent,"
        }
        try write(directory.appendingPathComponent("tc_users.csv"), header: "ROOM_JID,REAL_JID,ROLE,AFFILIATION,NICK_JID", count: 1_000) { i in
            "room\(i % 50)@conference.example.com,user\(i)@example.com,none,\(i < 50 ? "owner" : "member"),room\(i % 50)@conference.example.com/nick\(i)"
        }
        try write(directory.appendingPathComponent("tc_msgarchive.csv"), header: "MSG_ID,TO_JID,FROM_JID,SENT_DATE,MSG_TYPE,BODY_STRING",
                  count: rows / 10) { i in
            "\(i),room\(i % 50)@conference.example.com,user\((i * 20 + i % 50) % 1000)@example.com/pc,\(stamp(i * 7)),g,Room message \(i) about the quarterly plan"
        }
        try write(directory.appendingPathComponent("jm.csv"), header: "TO_JID,FROM_JID,SENT_DATE,MSG_TYPE,DIRECTION,BODY_STRING", count: rows) { i in
            let message = i / 2, from = message % 1000, to = (message * 7 + 1) % 1000
            return i % 2 == 0
                ? "user\(to)@example.com,user\(from)@example.com/pc,\(stamp(message * 5)),c,O,Message number \(message) with some more words to be realistic"
                : "user\(to)@example.com/phone,user\(from)@example.com/pc,\(stamp(message * 5)),c,I,Message number \(message) with some more words to be realistic"
        }
    }

    static func stamp(_ seconds: Int) -> String {
        let total = 1_600_000_000 + seconds
        let day = total / 86_400, rest = total % 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = day + 719_468, era = z / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(two(m))-\(two(d)) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))"
    }

    private static func write(_ url: URL, header: String, count: Int, row: (Int) -> String) throws {
        FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var buffer = header + "\n"
        for i in 0..<count {
            buffer += row(i) + "\n"
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }
}

/// Generates (or reuses) the tables and prints `pairs` paired measurements (floor, then conversion).
func runCiscoBenchmark(rows: Int, pairs: Int) throws {
    let temp = FileManager.default.temporaryDirectory
    let tables = temp.appendingPathComponent("cisco-bench-\(rows)", isDirectory: true)
    if !FileManager.default.fileExists(atPath: tables.appendingPathComponent("jm.csv").path) {
        try CiscoBenchmark.generate(at: tables, rows: rows)
    }
    let names = ["tc_rooms", "tc_users", "tc_msgarchive", "jm"]
    let bytes = names.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: tables.appendingPathComponent("\($1).csv").path)[.size] as? Int) ?? 0) }
    print("input \(tables.lastPathComponent): \(rows) jm rows, \(rows / 10) tc_msgarchive rows, \(bytes / 1_000_000) MB of CSV")
    let scratch = temp.appendingPathComponent("cisco-bench-floor-\(getpid()).sqlite")
    let output = temp.appendingPathComponent("cisco-bench-out-\(getpid()).zip")
    defer {
        try? FileManager.default.removeItem(at: output)
        try? FileManager.default.removeItem(at: scratch)
    }
    let imports = names.map { "-cmd \".import '\(tables.appendingPathComponent("\($0).csv").path)' \($0)\"" }.joined(separator: " ")
    let me = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0]).standardizedFileURL.path
    try runPairedBenchmark(pairs: pairs, floorName: "sqlite3 .import",
                           floor: {
                               try? FileManager.default.removeItem(at: scratch)
                               return try ChildMeasurement.run("/bin/sh", ["-c", "sqlite3 -csv \(imports) '\(scratch.path)' 'SELECT 1' > /dev/null"], keepOutput: false)
                           },
                           conversion: { try ChildMeasurement.run(me, [CiscoBenchmark.childCommand, tables.path, output.path]) })
}

/// The child side: converts the tables to `output` and prints counts.
func runCiscoConversionForBenchmark(tables: String, output: URL) throws {
    let source = try CiscoArchive.open(database: nil, tablesDir: tables, filesRoot: nil, lenient: true)
    let reader = XMPPArchiveReader(source: source, options: XMPPOptions(teamName: "bench", lenient: true))
    let report = try ConversionRunner.run(reader, output: output, options: ExportOptions(defaultEmailDomain: "example.com"))
    let o = report.output
    print("rows=\(report.input.messages) posts=\(o.posts) direct_posts=\(o.directPosts) skipped=\(report.skippedCount("messages"))")
}
