import DatabaseClients
import Foundation

/// `server migrate` between engines: MySQL/MariaDB (plain or Bitnami lower-case) → PostgreSQL into
/// the schema Mattermost itself created on the destination. Checks the schema versions, copies
/// every core table from one snapshot with conversions chosen by the PostgreSQL column types,
/// re-creates the secondary indexes after the load, verifies counts and checksums, then writes
/// config.json and copies the file store.
enum EngineChangeMigration {
    /// Rows Mattermost's own PostgreSQL migrations write into `systems`; an "empty" database has them.
    static let migrationSystemsRows = ["CRTChannelMembershipCountsMigrationComplete", "CRTThreadCountsAndUnreadsMigrationComplete"]

    static func run(sourceConfig: ServerConfig, destinationConfig: ServerConfig, siteURL: String?, force: Bool, includeFiles: Bool,
                    log: @escaping @Sendable (String) -> Void) async throws -> ServerRestore.Result {
        let started = Date()
        guard let source = try makeDatabaseClient(try sourceConfig.database()) as? MySQLClient,
              let destination = try makeDatabaseClient(try destinationConfig.database()) as? PostgresClient else {
            throw ServerMigrationError("\(destinationConfig.path): changing engines works from MySQL/MariaDB to PostgreSQL only; Mattermost v11 runs on PostgreSQL")
        }
        let sourceServer = try await source.serverVersion()
        let destinationServer = try await destination.serverVersion()
        log("source: \(source.endpoint) (\(sourceServer.product) \(sourceServer.version)); destination: \(destination.endpoint) (PostgreSQL \(destinationServer.version))")
        try await checkSchemaVersions(source: source, destination: destination)
        try await warnIfInUse(source: source, destination: destination, log: log)

        let catalog = try await EngineChangeCatalog.read(source: source, destination: destination)
        for (name, policy) in catalog.policies { log("\(name): \(policy)") }
        let sourceId = sha256Hex(Array("\(source.endpoint)|\(sourceConfig.path)".utf8))
        var progress = try await EngineChangeProgress.read(destination)
        if let existing = progress, existing.sourceId != sourceId || force {
            guard force else {
                throw ServerMigrationError("destination \(destination.endpoint) holds an interrupted move from another source; rerun with the same --from, or pass --force to start over")
            }
            // Starting over: the indexes dropped by the earlier run come back before their definitions go.
            try await recreateIndexes(destination, indexes: existing.indexes, log: log)
            _ = try await destination.query(EngineChangeProgress.dropSQL)
            progress = nil
        }
        if let existing = progress {
            log("resuming an interrupted move: \(existing.done.count) of \(catalog.plans.count) tables already copied and committed")
        } else {
            try await prepareEmptyDestination(destination, plans: catalog.plans, force: force, log: log)
            progress = try await dropSecondaryIndexes(destination, plans: catalog.plans, sourceId: sourceId, log: log)
        }
        guard var progress else { throw ServerMigrationError("internal error: no progress state") }

        let pending = catalog.plans.filter { progress.done[$0.targetName] == nil }
        let referenced = Set(catalog.parents.values.flatMap { $0 })
        let copier = TableCopier(source: source, destination: destination, plans: pending, referencedTables: referenced, log: log)
        let outcome = try await copier.run()
        progress.done.merge(outcome.done) { _, new in new }
        let copiedRows = outcome.done.values.reduce(0) { $0 + $1.rows }

        try await recreateIndexes(destination, indexes: progress.indexes, log: log)
        try await refreshMaterializedViews(destination, log: log)

        log("verifying row counts and checksums of \(catalog.plans.count) tables")
        let (report, table) = try await EngineChangeVerification.verify(plans: catalog.plans, expected: progress.done, destination: destination)
        var finalReport = report

        let destinationServerFiles = try ServerDestination(config: destinationConfig, siteURL: siteURL, force: force, log: log)
        try await copyConfigAndFiles(sourceConfig: sourceConfig, destination: destinationServerFiles, includeFiles: includeFiles, report: &finalReport, log: log)
        if finalReport.isClean { _ = try await destination.query(EngineChangeProgress.dropSQL) }

        let fixes = outcome.fixCounts.values.reduce(0, +)
        for (key, count) in outcome.fixCounts.sorted(by: { $0.key < $1.key }) { log("fixes: \(key): \(count)") }
        log("moved \(copiedRows) rows in \(outcome.done.count) tables (\(progress.done.count - outcome.done.count) done before), \(fixes) values fixed, \(catalog.policies.count) objects not copied by policy, in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        var result = ServerRestore.Result(verification: finalReport, renamedTables: [:])
        result.verificationTable = table
        return result
    }

    /// Both sides must be at the same `db_migrations` version, compared by number (names differ at 92).
    static func checkSchemaVersions(source: MySQLClient, destination: PostgresClient) async throws {
        func version(_ client: some DatabaseClient) async throws -> Int64? {
            guard let table = try await client.tableNames().table(named: "db_migrations") else { return nil }
            return try await client.migrations(table: table).map(\.version).max()
        }
        guard let sourceVersion = try await version(source) else {
            throw ServerMigrationError("source \(source.endpoint) has no db_migrations table; is it a Mattermost database?")
        }
        guard let destinationVersion = try await version(destination) else {
            throw ServerMigrationError("destination \(destination.endpoint) has no Mattermost schema; start the destination Mattermost (the source's version) once against it or run `mattermost db migrate`, then rerun")
        }
        guard sourceVersion == destinationVersion else {
            throw ServerMigrationError("schema versions differ: source \(source.endpoint) is at version \(sourceVersion), destination \(destination.endpoint) at version \(destinationVersion); create the destination schema with the same Mattermost version as the source")
        }
    }

    /// The docs say to stop both servers; a running one is only warned about — the source is read
    /// from one snapshot anyway.
    static func warnIfInUse(source: MySQLClient, destination: PostgresClient, log: @Sendable (String) -> Void) async throws {
        let sourceSessions = Int(try await source.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND ID <> CONNECTION_ID()").first?.first ?? "0") ?? 0
        if sourceSessions > 0 {
            log("warning: \(sourceSessions) other connection(s) use the source database; is the Mattermost server still running? Stop it first: changes made during the move are not copied")
        }
        let destinationSessions = Int(try await destination.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()").first?.first ?? "0") ?? 0
        if destinationSessions > 0 {
            log("warning: \(destinationSessions) other connection(s) use the destination database; stop the destination Mattermost until the move is done")
        }
    }

    /// Refuses a destination holding data (other than the Systems rows the migrations write) unless
    /// --force, which empties every table but db_migrations.
    static func prepareEmptyDestination(_ destination: PostgresClient, plans: [TablePlan], force: Bool, log: @Sendable (String) -> Void) async throws {
        let tables = try await destination.tableNames().filter { $0 != "db_migrations" && $0 != EngineChangeProgress.tableName }
        let counts = try await destination.rowCounts(tables: tables)
        var occupied = counts.filter { $0.value > 0 && $0.key != "systems" }.map(\.key).sorted()
        if tables.contains("systems") {
            let names = migrationSystemsRows.map(SQLText.postgresLiteral).joined(separator: ", ")
            if Int(try await destination.query("SELECT count(*) FROM systems WHERE name NOT IN (\(names))").first?.first ?? "0") ?? 0 > 0 { occupied.append("systems") }
        }
        guard !occupied.isEmpty else { return }
        guard force else {
            throw ServerMigrationError("destination \(destination.endpoint) is not empty (\(occupied.prefix(5).joined(separator: ", "))\(occupied.count > 5 ? ", …" : "") hold rows); move only into a freshly migrated database, or pass --force to empty its tables")
        }
        log("--force: emptying \(tables.count) tables in \(destination.endpoint)")
        _ = try await destination.query("TRUNCATE " + tables.map(SQLText.postgresIdentifier).joined(separator: ", "))
    }

    /// Drops the secondary (non-unique, non-constraint) indexes of the tables to load, remembering
    /// their definitions in the progress table, so the load does not maintain them row by row.
    static func dropSecondaryIndexes(_ destination: PostgresClient, plans: [TablePlan], sourceId: String, log: @Sendable (String) -> Void) async throws -> EngineChangeProgress {
        let names = plans.map { SQLText.postgresLiteral($0.targetName) }.joined(separator: ", ")
        let indexes = plans.isEmpty ? [] : try await destination.query("""
            SELECT ci.relname, pg_get_indexdef(i.indexrelid) FROM pg_index i
            JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid
            WHERE ct.relnamespace = to_regnamespace(current_schema()) AND ct.relname IN (\(names))
              AND NOT i.indisprimary AND NOT i.indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            ORDER BY ci.relname
            """).filter { $0.count == 2 }
        var script = "BEGIN;\n" + EngineChangeProgress.createSQL(sourceId: sourceId)
        for index in indexes {
            script += EngineChangeProgress.rememberIndexSQL(name: index[0], definition: index[1])
            script += "DROP INDEX \(SQLText.postgresIdentifier(index[0]));\n"
        }
        script += "COMMIT;\n"
        try await destination.runScript { write in try await write(Array(script.utf8)) }
        log("dropped \(indexes.count) secondary indexes for the load; they are re-created afterwards")
        return EngineChangeProgress(sourceId: sourceId, done: [:], indexes: indexes.map { ($0[0], $0[1]) })
    }

    static func recreateIndexes(_ destination: PostgresClient, indexes: [(name: String, definition: String)], log: @Sendable (String) -> Void) async throws {
        guard !indexes.isEmpty else { return }
        let started = Date()
        var script = "SET maintenance_work_mem = '256MB';\n"
        for index in indexes {
            let definition = index.definition.replacingOccurrences(of: "CREATE INDEX ", with: "CREATE INDEX IF NOT EXISTS ", options: .anchored)
            script += "BEGIN;\n\(definition);\n" + EngineChangeProgress.forgetIndexSQL(name: index.name) + "COMMIT;\n"
        }
        try await destination.runScript { write in try await write(Array(script.utf8)) }
        log("re-created \(indexes.count) indexes (full-text included) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// Mattermost's PostgreSQL schema defines materialized views over the loaded tables (`poststats`,
    /// `posts_by_team_day`, `bot_posts_by_team_day`, `file_stats`, `attributeview` at the fixtures'
    /// version). They were built over the empty tables, so each is refreshed once after the load —
    /// read from the catalog, so views a later schema adds are refreshed too.
    static func refreshMaterializedViews(_ destination: PostgresClient, log: @Sendable (String) -> Void) async throws {
        let views = try await destination.query("SELECT matviewname FROM pg_matviews WHERE schemaname = current_schema() ORDER BY matviewname").compactMap(\.first)
        guard !views.isEmpty else { return }
        let started = Date()
        let script = views.map { "REFRESH MATERIALIZED VIEW \(SQLText.postgresIdentifier($0));\n" }.joined()
        try await destination.runScript { write in try await write(Array(script.utf8)) }
        log("refreshed \(views.count) materialized views (\(views.joined(separator: ", "))) in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
    }

    /// config.json (source settings, destination host settings — so the postgres DriverName and
    /// DataSource stay) and the local file store, as a same-engine migrate does.
    static func copyConfigAndFiles(sourceConfig: ServerConfig, destination: ServerDestination, includeFiles: Bool,
                                   report: inout VerificationReport, log: @escaping @Sendable (String) -> Void) async throws {
        let sink = MigrateSink(destination: destination, sourceConfigName: (sourceConfig.path as NSString).lastPathComponent,
                               copiesOtherConfigFiles: sourceConfig.directory != destination.config.directory)
        let source = try ServerSource(config: sourceConfig, includeFiles: includeFiles, log: log)
        for file in try FileTree.list(root: sourceConfig.directory).files where !file.relativePath.hasPrefix(".mattermove-") {
            _ = try await sink.writeConfigFile(file)
        }
        let fileStore = try await source.copyFileStore(into: sink)
        try await sink.writeCollectedConfig()
        if case .local(let root) = destination.config.fileStore, fileStore.copied {
            for file in fileStore.files {
                report.filesChecked += 1
                try await ServerVerifier.checkFile(file, root: root) { item, expected, actual in
                    report.differences.append(VerificationDifference(item: item, expected: expected, actual: actual))
                }
            }
        }
    }
}
