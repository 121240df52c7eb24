import DatabaseClients
import Foundation

/// `server fix-table-case`: gives Bitnami's lower-cased MySQL tables Mattermost's canonical names,
/// either in a mysqldump file or in a live database.
public enum TableCaseFixer {
    public struct Result: Sendable {
        /// (old name, new name) pairs; for a dump, how many identifiers were renamed per table.
        public var renamed: [String: Int]
        /// Tables that are not Mattermost's, left alone.
        public var unknownTables: [String]
        public var viewsRecreated: [String]
    }

    /// Rewrites a dump file into `outputPath` (temporary file + rename), streaming.
    public static func fixDump(inputPath: String, outputPath: String) async throws -> Result {
        let input = try RawFile(readingFrom: inputPath)
        let temporary = outputPath + ".partial"
        let output = try RawFile(creating: temporary, mode: 0o600)
        let rewriter = MySQLTableNameRewriter()
        do {
            while true {
                let chunk = try input.read(upTo: TarReader.chunkSize)
                if chunk.isEmpty { break }
                try output.write(rewriter.process(chunk))
            }
            try output.write(rewriter.finish())
            guard rewriter.collisions.isEmpty else {
                throw ServerMigrationError("\(inputPath): holds both lower-case and canonical names for \(rewriter.collisions.joined(separator: ", ")); something was already restored wrongly, fix the dump by hand")
            }
            try output.sync()
            try renameFile(temporary, to: outputPath)
        } catch {
            unlink(temporary)
            throw error
        }
        return Result(renamed: rewriter.renamed, unknownTables: rewriter.unknownTables.sorted(), viewsRecreated: [])
    }

    /// Renames tables in the live MySQL database of `configPath` with one RENAME TABLE, then recreates
    /// views (their bodies still name the old tables).
    public static func fixLive(configPath: String, environment: [String: String]) async throws -> Result {
        let config = try ServerConfig.load(path: configPath, environment: environment)
        guard let client = try makeDatabaseClient(try config.database()) as? MySQLClient else {
            throw ServerMigrationError("\(configPath): the database is PostgreSQL, whose table names are always lower case; nothing to fix")
        }
        let mode = try await client.lowerCaseTableNames()
        guard mode == 0 else {
            throw ServerMigrationError("\(client.endpoint) uses lower_case_table_names=\(mode), which already accepts lower-case names; nothing to fix")
        }
        let tables = try await client.tableNames()
        let views = try await client.query("SELECT TABLE_NAME, VIEW_DEFINITION, SECURITY_TYPE, CHECK_OPTION FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()")
        let allNames = tables + views.map { $0[0] }
        let collisions = allNames.filter { name in MattermostTableNames.canonicalName(for: name).map { allNames.contains($0) } ?? false }
        guard collisions.isEmpty else {
            throw ServerMigrationError("\(client.endpoint) holds both lower-case and canonical tables (\(collisions.map { "\($0)/\(MattermostTableNames.canonicalName(for: $0)!)" }.joined(separator: ", "))); something was already restored wrongly — resolve it by hand")
        }
        let renames = tables.compactMap { name in MattermostTableNames.canonicalName(for: name).map { (name, $0) } }
        let unknown = allNames.filter { MattermostTableNames.canonicalByLowercase[$0.lowercased()] == nil && !MattermostTableNames.isKnownLowercase($0) }
        var statements: [String] = []
        if !renames.isEmpty {
            statements.append("RENAME TABLE " + renames.map { "\(SQLText.mysqlIdentifier($0.0)) TO \(SQLText.mysqlIdentifier($0.1))" }.joined(separator: ", "))
        }
        var recreated: [String] = []
        for view in views where view.count == 4 {
            let rewriter = MySQLTableNameRewriter()
            let body = String(decoding: rewriter.process(Array(view[1].utf8)) + rewriter.finish(), as: UTF8.self)
            let name = MattermostTableNames.canonicalName(for: view[0]) ?? view[0]
            guard body != view[1] || name != view[0] else { continue }
            let check = view[3] == "NONE" ? "" : " WITH \(view[3]) CHECK OPTION"
            statements.append("DROP VIEW \(SQLText.mysqlIdentifier(view[0]))")
            statements.append("CREATE SQL SECURITY \(view[2]) VIEW \(SQLText.mysqlIdentifier(name)) AS \(body)\(check)")
            recreated.append(name)
        }
        if !statements.isEmpty { try await client.execute(statements.joined(separator: ";\n")) }
        return Result(renamed: Dictionary(uniqueKeysWithValues: renames.map { ($0.0, 1) }), unknownTables: unknown.sorted(), viewsRecreated: recreated)
    }
}
