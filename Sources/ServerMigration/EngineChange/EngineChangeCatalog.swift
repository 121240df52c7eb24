/// The two schemas side by side: source tables and columns (MySQL information_schema) and
/// destination tables, columns, types, keys and foreign keys (PostgreSQL catalog).
struct EngineChangeCatalog {
    var plans: [TablePlan] = []
    /// (source object, policy text) for everything not copied.
    var policies: [(name: String, policy: String)] = []
    /// Destination tables that reference another (child → parents), for load order.
    var parents: [String: Set<String>] = [:]

    static func read(source: MySQLClient, destination: PostgresClient) async throws -> EngineChangeCatalog {
        var catalog = EngineChangeCatalog()
        let destinationColumns = try await destination.query("""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typtype, t.typcategory, a.attnotnull,
                   coalesce((SELECT string_agg(e.enumlabel, chr(30) ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid
            WHERE c.relnamespace = to_regnamespace(current_schema()) AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY c.relname, a.attnum
            """)
        var targetColumns: [String: [(name: String, kind: TargetKind, notNull: Bool)]] = [:]
        for row in destinationColumns where row.count == 7 {
            let kind = TargetKind.from(formattedType: row[2], typeType: row[3], category: row[4],
                                       enumLabels: row[6].isEmpty ? [] : row[6].split(separator: "\u{1e}", omittingEmptySubsequences: false).map(String.init))
            targetColumns[row[0], default: []].append((row[1], kind, row[5] == "t"))
        }
        var primaryKeys: [String: [String]] = [:]
        for row in try await destination.query("""
            SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
            JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord) ON true
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indisprimary AND c.relnamespace = to_regnamespace(current_schema()) ORDER BY c.relname, k.ord
            """) where row.count == 2 {
            primaryKeys[row[0], default: []].append(row[1])
        }
        for row in try await destination.query("""
            SELECT c.relname, p.relname FROM pg_constraint f JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
            WHERE f.contype = 'f' AND c.relnamespace = to_regnamespace(current_schema())
            """) where row.count == 2 && row[0] != row[1] {
            catalog.parents[row[0], default: []].insert(row[1])
        }

        var sourceColumns: [String: [(name: String, type: String)]] = [:]
        for row in try await source.query("""
            SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION
            """) where row.count == 3 {
            sourceColumns[row[0], default: []].append((row[1], row[2].lowercased()))
        }
        let destinationTables = Set(targetColumns.keys)
        for table in try await source.tableNames() {
            let policy = TablePolicy.classify(sourceTable: table, destinationTables: destinationTables)
            switch policy {
            case .schemaVersion:
                catalog.policies.append((table, "schema version compared by number, not copied (the destination keeps the rows its migrations wrote)"))
            case .skipped(let reason):
                catalog.policies.append((table, "not copied: \(reason)"))
            case .copy:
                let target = table.lowercased()
                let targets = targetColumns[target] ?? []
                let sources = Dictionary((sourceColumns[table] ?? []).map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
                var columns: [ColumnMapping] = []
                for column in targets {
                    guard let source = sources[column.name.lowercased()] else { continue }
                    columns.append(ColumnMapping(sourceName: source.name, sourceType: source.type, targetName: column.name,
                                                 kind: column.kind, notNull: column.notNull))
                }
                let mappedSources = Set(columns.map { $0.sourceName.lowercased() })
                let mappedTargets = Set(columns.map { $0.targetName.lowercased() })
                let keys = (primaryKeys[target] ?? []).compactMap { key in columns.firstIndex { $0.targetName == key } }
                catalog.plans.append(TablePlan(
                    sourceName: table, targetName: target, columns: columns,
                    keyPositions: keys.isEmpty ? [0] : keys,
                    droppedSourceColumns: (sourceColumns[table] ?? []).map(\.name).filter { !mappedTargets.contains($0.lowercased()) },
                    defaultedTargetColumns: targets.map(\.name).filter { !mappedSources.contains($0.lowercased()) }))
            }
        }
        for view in try await source.viewNames() {
            catalog.policies.append((view, "view not copied: the destination's migrations created their own views"))
        }
        for routine in try await source.query("SELECT ROUTINE_TYPE, ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()") where routine.count == 2 {
            catalog.policies.append((routine[1], "\(routine[0].lowercased()) not copied: a leftover of an interrupted MySQL migration"))
        }
        catalog.plans = loadOrder(catalog.plans, parents: catalog.parents)
        return catalog
    }

    /// Parents before the tables whose foreign keys reference them; otherwise by name.
    static func loadOrder(_ plans: [TablePlan], parents: [String: Set<String>]) -> [TablePlan] {
        var ordered: [TablePlan] = []
        var remaining = plans.sorted { $0.targetName < $1.targetName }
        while !remaining.isEmpty {
            // Ready when none of its parents is still waiting (a parent missing from the source is no obstacle).
            let index = remaining.firstIndex { plan in
                (parents[plan.targetName] ?? []).allSatisfy { parent in !remaining.contains { $0.targetName == parent } }
            } ?? 0
            let plan = remaining.remove(at: index)
            ordered.append(plan)
        }
        return ordered
    }
}
