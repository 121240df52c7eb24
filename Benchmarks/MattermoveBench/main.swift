import ArgumentParser
import Foundation

/// Benchmarks that print their figures (release build: `swift run -c release mattermove-bench …`).
struct MattermoveBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mattermove-bench",
        abstract: "Mattermove benchmarks: throughput and peak RSS.",
        subcommands: [Export.self, Validate.self, ValidateGenerate.self, ValidateOne.self, Slack.self, SlackConvert.self, HipChat.self, HipChatConvert.self, HipChatGenerate.self, ZipWriter.self,
                      SourceArchiveRead.self, Server.self, EngineChange.self, Pidgin.self, PidginConvert.self, XMPP.self, XMPPConvert.self, CSV.self, CSVConvert.self,
                      Cisco.self, CiscoConvert.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stage and export a generated model of N posts.")
        @Option var posts = 1_000_000
        @Option(help: "Keep the package at this path.") var keep: String?
        func run() throws { try runExportBenchmark(posts: posts, keep: keep.map { URL(fileURLWithPath: $0) }) }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Validate packages against `unzip -p`, paired run by run (generates an N-line and a blank-lines package when none is given).")
        @Argument var packages: [String] = []
        @Option var lines = 1_000_000
        @Option(help: "Size of the blank-lines package in MB (0: none).") var blankMegabytes = 2_000
        @Option var pairs = 3
        func run() throws {
            try runValidateBenchmark(packages: packages.map { URL(fileURLWithPath: $0) }, lines: lines,
                                     blankMegabytes: blankMegabytes, pairs: pairs)
        }
    }

    struct ValidateGenerate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate-generate",
                                                        abstract: "Write an N-line package (or a blank-lines one) for `validate`.")
        @Argument var output: String
        @Option var lines = 1_000_000
        @Option(help: "Write M MB of mostly blank lines instead.") var blankMegabytes: Int?
        func run() throws {
            let url = URL(fileURLWithPath: output)
            if let blankMegabytes { try generateBlankLinesPackage(at: url, megabytes: blankMegabytes) } else {
                try generateValidateBenchmarkPackage(at: url, lines: lines)
            }
        }
    }

    struct ValidateOne: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: ValidateBenchmark.childCommand,
                                                        abstract: "One validation (the child process of `validate`).")
        @Argument var package: String
        func run() throws { try runValidateOnce(packageAt: URL(fileURLWithPath: package)) }
    }

    struct Slack: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a Slack export and time its conversion against `unzip -p` (peak RSS of the conversion).")
        @Option var messages = 1_000_000
        @Option var channels = 200
        @Option(help: "Paired runs (unzip -p, then the conversion); the medians are printed.") var runs = 3
        @Option(help: "Use (or create) the export at this path.") var export: String?
        @Option(help: "Keep the package at this path.") var keep: String?
        func run() throws {
            try runSlackBenchmark(messages: messages, channels: channels, runs: runs, export: export.map { URL(fileURLWithPath: $0) },
                                  keepOutput: keep.map { URL(fileURLWithPath: $0) })
        }
    }

    struct SlackConvert: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: SlackBenchmark.childCommand,
                                                        abstract: "One conversion (the child process of `slack`).")
        @Argument var export: String
        @Argument var output: String
        func run() throws { try runSlackConversionForBenchmark(export: URL(fileURLWithPath: export), output: URL(fileURLWithPath: output)) }
    }

    struct HipChat: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hipchat",
            abstract: "Generate an encrypted HipChat export and time its conversion against `openssl enc -d | tar -xzO` (peak RSS of the conversion).")
        @Option var messages = 1_000_000
        @Option var rooms = 100
        @Option(help: "Paired runs (the floor, then the conversion); the medians are printed.") var runs = 3
        @Option(help: "Use (or create) the encrypted export at this path.") var export: String?
        func run() throws {
            try runHipChatBenchmark(messages: messages, rooms: rooms, runs: runs, export: export.map { URL(fileURLWithPath: $0) })
        }
    }

    struct HipChatGenerate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: HipChatBenchmark.generateCommand,
                                                        abstract: "Write the generated export (the child process of `hipchat`).")
        @Argument var messages: Int
        @Argument var rooms: Int
        @Argument var encrypted: String
        @Argument var passwordFile: String
        func run() throws {
            let bytes = try generateHipChatBenchmarkExport(at: URL(fileURLWithPath: encrypted), passwordFile: URL(fileURLWithPath: passwordFile),
                                                           messages: messages, rooms: rooms)
            print(bytes)
        }
    }

    struct HipChatConvert: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: HipChatBenchmark.childCommand,
                                                        abstract: "One conversion (the child process of `hipchat`).")
        @Argument var export: String
        @Argument var output: String
        @Argument var passwordFile: String
        func run() throws {
            try runHipChatConversionForBenchmark(export: URL(fileURLWithPath: export), output: URL(fileURLWithPath: output),
                                                 passwordFile: URL(fileURLWithPath: passwordFile))
        }
    }

    struct Pidgin: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate N small Pidgin log files and time their conversion against find+cat (peak RSS of the conversion).")
        @Option var files = 100_000
        @Option(help: "Paired runs (find+cat, then the conversion); the medians are printed.") var runs = 3
        @Option(help: "Use (or create) the log tree at this path.") var logs: String?
        func run() throws { try runPidginBenchmark(files: files, runs: runs, logs: logs.map { URL(fileURLWithPath: $0) }) }
    }

    struct PidginConvert: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: PidginBenchmark.childCommand,
                                                        abstract: "One conversion (the child process of `pidgin`).")
        @Argument var logs: String
        @Argument var output: String
        func run() throws { try runPidginConversionForBenchmark(logs: URL(fileURLWithPath: logs), output: URL(fileURLWithPath: output)) }
    }

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv", abstract: "Generate N rows of Slack's CSV layout and time their conversion against `export --posts N` (paired runs).")
        @Option var rows = 1_000_000
        @Option(help: "Paired runs (export floor, then the conversion); the medians are printed.") var runs = 3
        @Option(help: "Use (or create) the CSV at this path.") var input: String?
        @Option(help: "Keep the package at this path.") var keep: String?
        func run() throws {
            try runCSVBenchmark(rows: rows, runs: runs, input: input.map { URL(fileURLWithPath: $0) }, keepOutput: keep.map { URL(fileURLWithPath: $0) })
        }
    }

    struct CSVConvert: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: CSVBenchmark.childCommand, abstract: "One conversion (the child process of `csv`).")
        @Argument var input: String
        @Argument var output: String
        func run() throws { try runCSVConversionForBenchmark(input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: output)) }
    }

    struct ZipWriter: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "zip-writer", abstract: "Package writer throughput.")
        @Option var megabytes = 512
        @Option var level = 1
        func run() throws { try runZipWriterBenchmark(megabytes: megabytes, compressionLevel: level) }
    }

    struct SourceArchiveRead: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "source-archive", abstract: "Reading many small zip entries.")
        @Option var entries = 100_000
        func run() throws { try runSourceArchiveBenchmark(entries: entries) }
    }

    struct XMPP: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "xmpp",
            abstract: "XMPP conversion: a generated ejabberd SQLite archive against `sqlite3 SELECT`, the same in PostgreSQL against `psql \\copy`, or a XEP-0227 file against `cat` (paired runs).")
        @Option(help: "ejabberd, ejabberd-postgres or xep0227.") var kind = "xep0227"
        @Option(help: "Rows (ejabberd) or megabytes (xep0227).") var size = 1_000
        @Option var pairs = 3
        @Option(help: "ejabberd-postgres: postgres://user@host:port/db to load the rows into (password in PGPASSWORD or PGPASSFILE).") var database: String?
        func run() throws {
            if kind == "ejabberd-postgres" { return try XMPPPostgresBenchmark.run(database: database, rows: size, pairs: pairs) }
            try runXMPPBenchmark(kind: kind, size: size, pairs: pairs)
        }
    }

    struct XMPPConvert: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: XMPPBenchmark.childCommand,
                                                        abstract: "One conversion (the child process of `xmpp`).")
        @Option var ejabberd: String?
        @Option var xep0227: String?
        @Argument var output: String
        func run() throws { try runXMPPConversionForBenchmark(ejabberd: ejabberd, xep0227: xep0227, output: URL(fileURLWithPath: output)) }
    }

    struct Cisco: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cisco IM&P: generated CSV tables (--tables-dir) converted, against `sqlite3 .import` of the same files (paired runs).")
        @Option(help: "jm rows (tc_msgarchive gets a tenth as many).") var rows = 1_000_000
        @Option var pairs = 3
        func run() throws { try runCiscoBenchmark(rows: rows, pairs: pairs) }
    }

    struct CiscoConvert: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: CiscoBenchmark.childCommand,
                                                        abstract: "One conversion (the child process of `cisco`).")
        @Argument var tables: String
        @Argument var output: String
        func run() throws { try runCiscoConversionForBenchmark(tables: tables, output: URL(fileURLWithPath: output)) }
    }

    struct Server: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Server backup + restore against pg_dump + pg_restore.")
        @Option var posts = 1_000_000
        func run() throws { try runServerBenchmarkBlocking(posts: posts) }
    }

    struct EngineChange: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "engine-change",
                                                        abstract: "server migrate MySQL → PostgreSQL against mysql --batch read + pg_restore (paired runs).")
        @Option var posts = 1_000_000
        @Option var pairs = 3
        @Option(help: "Mattermost's migrations for both engines.") var fixtures = defaultMattermostSchemaFixtures
        func run() throws { try runEngineChangeBenchmarkBlocking(posts: posts, pairs: pairs, fixtures: fixtures) }
    }
}

await MattermoveBench.main()
