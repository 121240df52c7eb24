import ArgumentParser
import ServerMigration

struct ServerFixTableCaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix-table-case",
        abstract: "Give Bitnami's lower-case MySQL tables Mattermost's names, in a mysqldump file or a live database."
    )

    @Option(name: .long, help: "A mysqldump file to rewrite (string literals and comments are never touched).")
    var dump: String?

    @Option(name: .long, help: "Where to write the rewritten dump (default: <dump>.canonical.sql).")
    var output: String?

    @Option(name: .long, help: "config.json of a server whose live MySQL database is renamed with RENAME TABLE.")
    var config: String?

    @Option(name: .long, help: "File holding the database password (with --config).")
    var passwordFile: String?

    @OptionGroup var summary: ServerJSONOption

    func validate() throws {
        guard (dump == nil) != (config == nil) else {
            throw ValidationError("pass exactly one of --dump FILE.sql or --config PATH/config.json")
        }
        if output != nil && dump == nil { throw ValidationError("--output only goes with --dump") }
    }

    func run() async throws {
        try await ServerCommandSupport.run {
            let result: TableCaseFixer.Result
            var written: String?
            if let dump {
                let target = output ?? (dump.hasSuffix(".sql") ? String(dump.dropLast(4)) : dump) + ".canonical.sql"
                result = try await TableCaseFixer.fixDump(inputPath: dump, outputPath: target)
                written = target
            } else {
                result = try await TableCaseFixer.fixLive(configPath: config!, environment: ServerCommandSupport.environment(passwordFile: passwordFile))
            }
            if summary.json {
                return try ServerCommandSupport.printJSON(ServerTableCaseJSON(output: written, renamed: result.renamed,
                                                                              viewsRecreated: result.viewsRecreated, unknownTables: result.unknownTables))
            }
            if let written { print("wrote \(written)") }
            print("renamed: " + (result.renamed.isEmpty ? "nothing" : result.renamed.keys.sorted().map { "\($0) (\(result.renamed[$0]!))" }.joined(separator: ", ")))
            if !result.viewsRecreated.isEmpty { print("views recreated: \(result.viewsRecreated.joined(separator: ", "))") }
            if !result.unknownTables.isEmpty { print("left alone (not Mattermost tables): \(result.unknownTables.joined(separator: ", "))") }
        }
    }
}
