import Foundation

/// Streams every table that is not yet done from one MySQL snapshot into PostgreSQL: one mysql
/// client run reads all tables inside a single consistent-snapshot transaction, one psql run loads
/// them, each table in its own transaction (TRUNCATE, COPY, done marker, COMMIT).
struct TableCopier {
    let source: MySQLClient
    let destination: PostgresClient
    let plans: [TablePlan]
    /// Tables whose foreign keys others reference: truncated with CASCADE (children load later).
    let referencedTables: Set<String>
    let log: @Sendable (String) -> Void
    /// Fix details logged one by one up to this many per table and column; the rest are counted.
    var detailLimit = 20

    struct Outcome {
        var done: [String: EngineChangeProgress.Done] = [:]
        var fixCounts: [String: Int] = [:]
        var fixes: [EngineChangeFix] = []
    }

    private static let flushBytes = 1 << 20

    func run() async throws -> Outcome {
        var outcome = Outcome()
        guard !plans.isEmpty else { return outcome }
        let boundary = "mattermove-table-" + UUID().uuidString
        let boundaryBytes = Array(boundary.utf8)
        var sql = "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ; START TRANSACTION WITH CONSISTENT SNAPSHOT; SET time_zone = '+00:00';\n"
        for (index, plan) in plans.enumerated() {
            sql += "SELECT \(SQLText.literal("\(boundary) \(index)"));\n"
            let columns = plan.columns.map { column -> String in
                let name = SQLText.mysqlIdentifier(column.sourceName)
                return column.kind == .bytea ? "CONCAT('v', HEX(\(name)))" : "CONCAT('v', \(name))"
            }
            sql += "SELECT \(columns.joined(separator: ", ")) FROM \(SQLText.mysqlIdentifier(plan.sourceName));\n"
        }
        sql += "SELECT \(SQLText.literal("\(boundary) end"));\nCOMMIT;\n"

        try await destination.runScript { write in
            var buffer = Array("SET synchronous_commit = off;\nSET client_min_messages = warning;\n".utf8)
            var current: Int?
            var checksum = RowChecksum()
            var converters: [FieldConverter] = []
            var started = Date()
            var reader = MySQLBatchReader()
            var detailsLogged: [String: Int] = [:]

            func finishTable() {
                guard let index = current else { return }
                let plan = plans[index]
                let done = EngineChangeProgress.Done(rows: checksum.rows, checksum: checksum.sumText)
                buffer += Array("\\.\n".utf8)
                buffer += Array(EngineChangeProgress.markDoneSQL(table: plan.targetName, done: done).utf8)
                buffer += Array("COMMIT;\n".utf8)
                outcome.done[plan.targetName] = done
                log("copied \(plan.targetName): \(done.rows) rows in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            }

            func startTable(_ index: Int) {
                let plan = plans[index]
                current = index
                checksum = RowChecksum()
                converters = plan.columns.map { FieldConverter(mapping: $0) }
                started = Date()
                if !plan.droppedSourceColumns.isEmpty {
                    log("\(plan.sourceName): source columns with no PostgreSQL column, not copied: \(plan.droppedSourceColumns.joined(separator: ", "))")
                }
                if !plan.defaultedTargetColumns.isEmpty {
                    log("\(plan.targetName): columns with no source column, left to their default: \(plan.defaultedTargetColumns.joined(separator: ", "))")
                }
                let table = SQLText.postgresIdentifier(plan.targetName)
                let columns = plan.columns.map { SQLText.postgresIdentifier($0.targetName) }.joined(separator: ", ")
                buffer += Array("BEGIN;\nTRUNCATE \(table)\(referencedTables.contains(plan.targetName) ? " CASCADE" : "");\nCOPY \(table) (\(columns)) FROM STDIN;\n".utf8)
            }

            func handle(line: [UInt8]) throws {
                if line.starts(with: boundaryBytes) {
                    finishTable()
                    current = nil
                    let marker = String(decoding: line.dropFirst(boundaryBytes.count + 1), as: UTF8.self)
                    if let index = Int(marker) { startTable(index) }
                    return
                }
                guard let index = current else {
                    throw ServerMigrationError("\(source.endpoint): unexpected output before the first table; is this a MySQL server?")
                }
                let plan = plans[index]
                guard let fields = MySQLBatchReader.fields(of: line), fields.count == converters.count else {
                    throw ServerMigrationError("\(source.endpoint): table \(plan.sourceName) row \(checksum.rows + 1): cannot split the mysql client's output into \(converters.count) columns")
                }
                var normalisedRow: [UInt8] = []
                for (position, converter) in converters.enumerated() {
                    if position > 0 { buffer.append(0x09) }
                    var normalised: [UInt8]?
                    converter.convert(fields[position], copy: &buffer, normalised: &normalised) { kind, detail in
                        let column = converter.mapping.targetName
                        let key = plan.keyPositions.map { fields[$0].map { String(decoding: $0.prefix(64), as: UTF8.self) } ?? "NULL" }.joined(separator: "/")
                        let fix = EngineChangeFix(table: plan.targetName, column: column, rowKey: key, kind: kind, detail: detail)
                        let countKey = "\(plan.targetName).\(column): \(kind.rawValue)"
                        outcome.fixCounts[countKey, default: 0] += 1
                        if detailsLogged[countKey, default: 0] < detailLimit {
                            detailsLogged[countKey, default: 0] += 1
                            outcome.fixes.append(fix)
                            log("fixed \(fix.description)")
                        }
                    }
                    RowChecksum.appendField(normalised, to: &normalisedRow)
                }
                buffer.append(0x0A)
                checksum.add(encodedRow: normalisedRow)
                if checksum.rows % 200_000 == 0 { log("copying \(plan.targetName): \(checksum.rows) rows") }
            }

            try await source.streamQuery(sql) { chunk in
                try reader.feed(chunk, line: handle)
                if buffer.count >= Self.flushBytes {
                    try await write(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            guard !reader.hasPartialLine, current == nil, outcome.done.count == plans.count else {
                throw ServerMigrationError("\(source.endpoint): the mysql client's output ended early; nothing half-copied was kept — rerun to resume")
            }
            try await write(buffer)
        }
        return outcome
    }
}
