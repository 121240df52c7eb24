// swift-tools-version: 6.2
import PackageDescription

// Data flow: source readers (SlackSource, …, each on SourceToolkit) → MigrationCore (intermediate model,
// staging, Mattermost rules) → MattermostImport (bulk-format types, JSONL + zip writer, validator)
// ← mattermove (CLI).
// ServerMigration (backup/restore/verify of a whole Mattermost server) stands on its own.
let package = Package(
    name: "Mattermove",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mattermove", targets: ["mattermove"]),
        .library(name: "MattermostImport", targets: ["MattermostImport"]),
        .library(name: "MigrationCore", targets: ["MigrationCore"]),
        .library(name: "SourceToolkit", targets: ["SourceToolkit"]),
        .library(name: "SlackSource", targets: ["SlackSource"]),
        .library(name: "XMPPSource", targets: ["XMPPSource"]),
        .library(name: "HipChatSource", targets: ["HipChatSource"]),
        .library(name: "PidginSource", targets: ["PidginSource"]),
        .library(name: "CSVSource", targets: ["CSVSource"]),
        .library(name: "ServerMigration", targets: ["ServerMigration"]),
        .library(name: "DatabaseClients", targets: ["DatabaseClients"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // The target format: Mattermost bulk-import line types, JSONL + zip package writer, validator.
        .target(
            name: "MattermostImport",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        // Source-agnostic intermediate model, on-disk staging and every Mattermost-side rule.
        .target(
            name: "MigrationCore",
            dependencies: [
                "MattermostImport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // What every source reader shares: the reader contract and conversion runner, archive-or-folder
        // input, the ordered parallel decode pipeline, lenient values, name resolution, downloads.
        .target(
            name: "SourceToolkit",
            dependencies: [
                "MigrationCore",
                "MattermostImport",
                "DatabaseClients",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "CompressNIO", package: "compress-nio"),
            ]
        ),
        // Source readers: one module per source, holding only its format's code.
        .target(
            name: "SlackSource",
            dependencies: [
                "MigrationCore",
                "SourceToolkit",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // XMPP server archives (ejabberd SQL, …); stanzas parsed with FoundationXML's XMLParser (libxml2).
        .target(
            name: "XMPPSource",
            dependencies: [
                "MigrationCore",
                "SourceToolkit",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(name: "HipChatSource", dependencies: ["MigrationCore", "MattermostImport", "SourceToolkit"]),
        .target(name: "PidginSource", dependencies: ["MigrationCore", "SourceToolkit"]),
        // Bespoke exports: Slack's CSV import layout, mapped CSV and JSON Lines (YAML mapping).
        .target(
            name: "CSVSource",
            dependencies: [
                "MigrationCore",
                "MattermostImport",
                "SourceToolkit",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // Generated migration models for tests and benchmarks (no source format involved).
        .target(name: "MattermoveFixtures", dependencies: ["MigrationCore"]),
        // PostgreSQL and MySQL/MariaDB through their own client tools (psql, mysql, …): endpoints,
        // secret files, streamed child processes, the mysql --batch parser. Shared by ServerMigration
        // and the source readers' SQL row readers.
        .target(
            name: "DatabaseClients",
            dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
        ),
        // Whole-server moves: backup, restore, verify, migrate, fix-table-case.
        .target(
            name: "ServerMigration",
            dependencies: [
                "MattermostImport",
                "DatabaseClients",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The command-line tool: one file per command.
        .executableTarget(
            name: "mattermove",
            dependencies: [
                "MattermostImport",
                "MigrationCore",
                "SourceToolkit",
                "SlackSource",
                "XMPPSource",
                "HipChatSource",
                "PidginSource",
                "CSVSource",
                "ServerMigration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks that print throughput and peak RSS (run with `swift run -c release mattermove-bench`).
        .executableTarget(
            name: "mattermove-bench",
            dependencies: [
                "MattermostImport",
                "MigrationCore",
                "SourceToolkit",
                "SlackSource",
                "HipChatSource",
                "PidginSource",
                "XMPPSource",
                "CSVSource",
                "ServerMigration",
                "DatabaseClients",
                "MattermoveFixtures",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Benchmarks/MattermoveBench"
        ),
        // What every test target shares: fixture paths under ../shared, temporary folders, running tools.
        .target(name: "TestSupport", dependencies: ["MigrationCore", "MattermostImport"], path: "Tests/TestSupport"),
        .testTarget(name: "MattermostImportTests", dependencies: ["MattermostImport", "TestSupport"]),
        .testTarget(name: "MigrationCoreTests", dependencies: ["MigrationCore", "MattermostImport", "MattermoveFixtures", "TestSupport"]),
        .testTarget(name: "SourceToolkitTests", dependencies: ["SourceToolkit", "MigrationCore", "MattermostImport", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "SlackSourceTests", dependencies: ["SlackSource", "SourceToolkit", "MigrationCore", "MattermostImport", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "XMPPSourceTests", dependencies: ["XMPPSource", "SourceToolkit", "MigrationCore", "MattermostImport", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "HipChatSourceTests", dependencies: ["HipChatSource", "SourceToolkit", "MigrationCore", "MattermostImport", "TestSupport"]),
        .testTarget(name: "PidginSourceTests", dependencies: ["PidginSource", "SourceToolkit", "MigrationCore", "MattermostImport", "TestSupport"]),
        .testTarget(name: "CSVSourceTests", dependencies: ["CSVSource", "SourceToolkit", "MigrationCore", "MattermostImport", "TestSupport"], resources: [.copy("Golden")]),
        .testTarget(name: "ServerMigrationTests", dependencies: ["ServerMigration", "DatabaseClients", "MattermostImport", "TestSupport"]),
        .testTarget(name: "MattermoveCLITests", dependencies: ["mattermove", "MattermostImport", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
