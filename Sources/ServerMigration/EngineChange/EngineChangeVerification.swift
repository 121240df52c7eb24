import DatabaseClients
import Foundation

/// Verifies a MySQL → PostgreSQL move: for every copied table, PostgreSQL's row count and
/// normalised checksum must equal what was read from the source snapshot.
enum EngineChangeVerification {
    static func verify(plans: [TablePlan], expected: [String: EngineChangeProgress.Done], destination: PostgresClient) async throws -> (VerificationReport, String) {
        var report = VerificationReport()
        var rows: [(String, String, String, String)] = [("TABLE", "SOURCE ROWS", "DESTINATION ROWS", "CHECKSUM")]
        let sorted = plans.sorted(by: { $0.targetName < $1.targetName })
        // A few tables per psql run (UNION ALL) instead of one run per table.
        var computed: [String: EngineChangeProgress.Done] = [:]
        for start in stride(from: 0, to: sorted.count, by: 8) {
            let sql = sorted[start..<min(start + 8, sorted.count)].map { plan in
                RowChecksum.postgresQuery(table: plan.targetName, columns: plan.columns)
                    .replacingOccurrences(of: "SELECT count(*)", with: "SELECT \(SQLText.postgresLiteral(plan.targetName)), count(*)", options: .anchored)
            }.joined(separator: "\nUNION ALL\n")
            for row in try await destination.query(sql) where row.count == 3 {
                computed[row[0]] = EngineChangeProgress.Done(rows: Int64(row[1]) ?? -1, checksum: row[2])
            }
        }
        for plan in sorted {
            report.tablesChecked += 1
            report.checksumsChecked += 1
            let actual = computed[plan.targetName] ?? EngineChangeProgress.Done(rows: -1, checksum: "")
            guard let wanted = expected[plan.targetName] else {
                report.differences.append(VerificationDifference(item: "table \(plan.targetName)", expected: "copied", actual: "not copied"))
                rows.append((plan.targetName, "?", String(actual.rows), "not copied"))
                continue
            }
            if wanted.rows != actual.rows {
                report.differences.append(VerificationDifference(item: "table \(plan.targetName) rows", expected: String(wanted.rows), actual: String(actual.rows)))
            }
            let same = wanted.checksum == actual.checksum
            if !same {
                report.differences.append(VerificationDifference(item: "table \(plan.targetName) checksum", expected: wanted.checksum, actual: actual.checksum))
            }
            rows.append((plan.targetName, String(wanted.rows), String(actual.rows), same ? "equal" : "DIFFERS"))
        }
        let widths = (rows.map(\.0.count).max() ?? 0, rows.map(\.1.count).max() ?? 0, rows.map(\.2.count).max() ?? 0)
        func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(0, width - text.count)) }
        let table = rows.map { pad($0.0, widths.0) + "  " + pad($0.1, widths.1) + "  " + pad($0.2, widths.2) + "  " + $0.3 }.joined(separator: "\n")
        return (report, table)
    }
}
