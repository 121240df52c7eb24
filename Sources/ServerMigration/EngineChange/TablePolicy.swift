/// What happens to each source table in a MySQL → PostgreSQL move. Every non-core object gets a
/// named policy in the output (issue 11; the pgloader recipe excludes the same set).
enum TablePolicy: Equatable {
    case copy
    /// `db_migrations`: versions compared by number; the destination keeps its own rows (names differ at 92).
    case schemaVersion
    case skipped(reason: String)

    static func classify(sourceTable name: String, destinationTables: Set<String>) -> TablePolicy {
        let lower = name.lowercased()
        switch lower {
        case "db_migrations": return .schemaVersion
        case "db_lock": return .skipped(reason: "morph's migration lock, only held while migrations run")
        case "schema_migrations": return .skipped(reason: "leftover of golang-migrate (before v6.4); Mattermost no longer reads it")
        case "configurations", "configurationfiles", "db_config_migrations":
            return .skipped(reason: "config store table: config.json is rewritten instead; a database config store is moved with `mattermost config migrate`")
        default: break
        }
        if lower.hasPrefix("ir_") || lower.hasPrefix("focalboard_") || lower.hasPrefix("calls") {
            return .skipped(reason: "plugin table with no PostgreSQL schema in core; the plugin creates its own — move its data with the plugin's migration (migration-assist playbooks/boards/calls)")
        }
        if lower == EngineChangeProgress.tableName { return .skipped(reason: "mattermove's own progress table") }
        return destinationTables.contains(lower) ? .copy : .skipped(reason: "no table of that name in the destination schema")
    }
}

/// A source table to copy, with its column mapping.
struct TablePlan {
    var sourceName: String
    var targetName: String
    var columns: [ColumnMapping]
    /// Positions in `columns` of the destination's primary key, to name rows in reports.
    var keyPositions: [Int]
    /// Source columns with no destination column (left behind, reported).
    var droppedSourceColumns: [String]
    /// Destination columns with no source column (filled by their default, reported).
    var defaultedTargetColumns: [String]
}
