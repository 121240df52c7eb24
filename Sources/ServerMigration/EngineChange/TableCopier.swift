import DatabaseClients
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
    /// COPY buffers waiting for psql at most (so at most this many MB besides the one being filled).
    private static let queuedBuffers = 4

    func run() async throws -> Outcome {
        guard !plans.isEmpty else { return Outcome() }
        let boundary = "mattermove-table-" + UUID().uuidString
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

        let script = sql
        let boundaryBytes = Array(boundary.utf8)
        var outcome = Outcome()
        let queue = CopyBufferQueue(capacity: Self.queuedBuffers)
        try await destination.runScript { write in
            // Reading MySQL and converting in a child task, writing to psql here: each waits for the other only when the queue is full or empty.
            outcome = try await withThrowingTaskGroup(of: Outcome.self) { group in
                group.addTask {
                    do {
                        let outcome = try await convert(sql: script, boundary: boundaryBytes, into: queue)
                        queue.finish()
                        return outcome
                    } catch {
                        queue.finish()
                        throw error
                    }
                }
                do {
                    while let buffer = await queue.next() { try await write(buffer) }
                } catch {
                    queue.close()
                    throw error
                }
                return try await group.next() ?? Outcome()
            }
        }
        return outcome
    }

    /// Streams the snapshot's tables through the converters into COPY text, handed to `queue` a
    /// megabyte at a time.
    private func convert(sql: String, boundary boundaryBytes: [UInt8], into queue: CopyBufferQueue) async throws -> Outcome {
        var outcome = Outcome()
        var buffer = Array("SET synchronous_commit = off;\nSET client_min_messages = warning;\n".utf8)
        buffer.reserveCapacity(Self.flushBytes + (1 << 16))
        var current: Int?
        var checksum = RowChecksum()
        var converters: [FieldConverter] = []
        var started = Date()
        var reader = MySQLBatchReader()
        var row = MySQLRow()
        var checksumRow: [UInt8] = []
        var scratch = FieldConverter.FastPathScratch()
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

        func report(plan: TablePlan, position: Int, kind: EngineChangeFix.Kind, detail: String) {
            let column = plan.columns[position].targetName
            let key = plan.keyPositions.map { row.field($0).map { String(decoding: $0.prefix(64), as: UTF8.self) } ?? "NULL" }.joined(separator: "/")
            let fix = EngineChangeFix(table: plan.targetName, column: column, rowKey: key, kind: kind, detail: detail)
            let countKey = "\(plan.targetName).\(column): \(kind.rawValue)"
            outcome.fixCounts[countKey, default: 0] += 1
            if detailsLogged[countKey, default: 0] < detailLimit {
                detailsLogged[countKey, default: 0] += 1
                outcome.fixes.append(fix)
                log("fixed \(fix.description)")
            }
        }

        func handle(line: UnsafeBufferPointer<UInt8>) throws {
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
            guard row.split(line), row.count == converters.count else {
                throw ServerMigrationError("\(source.endpoint): table \(plan.sourceName) row \(checksum.rows + 1): cannot split the mysql client's output into \(converters.count) columns")
            }
            checksumRow.removeAll(keepingCapacity: true)
            for position in converters.indices {
                if position > 0 { buffer.append(0x09) }
                let converter = converters[position]
                let converted = row.withField(position) { value in
                    converter.convertFast(value, copy: &buffer, checksumRow: &checksumRow, scratch: &scratch)
                }
                if converted { continue }
                var normalised: [UInt8]?
                converter.convert(row.field(position), copy: &buffer, normalised: &normalised) { kind, detail in
                    report(plan: plan, position: position, kind: kind, detail: detail)
                }
                RowChecksum.appendField(normalised, to: &checksumRow)
            }
            buffer.append(0x0A)
            checksum.add(encodedRow: checksumRow)
            if checksum.rows % 200_000 == 0 { log("copying \(plan.targetName): \(checksum.rows) rows") }
        }

        try await source.streamQuery(sql) { chunk in
            try reader.feed(chunk, line: handle)
            if buffer.count >= Self.flushBytes {
                let full = buffer
                buffer = []
                buffer.reserveCapacity(Self.flushBytes + (1 << 16))
                try await queue.send(full)
            }
        }
        guard !reader.hasPartialLine, current == nil, outcome.done.count == plans.count else {
            throw ServerMigrationError("\(source.endpoint): the mysql client's output ended early; nothing half-copied was kept — rerun to resume")
        }
        try await queue.send(buffer)
        return outcome
    }
}
