/// Verifies a MySQL → PostgreSQL move: for every copied table, PostgreSQL's row count and
/// normalised checksum must equal what was read from the source snapshot.
enum EngineChangeVerification {
    static func verify(plans: [TablePlan], expected: [String: EngineChangeProgress.Done], destination: PostgresClient) async throws -> (VerificationReport, String) {
        var report = VerificationReport()
        var rows: [(String, String, String, String)] = [("TABLE", "SOURCE ROWS", "DESTINATION ROWS", "CHECKSUM")]
        for plan in plans.sorted(by: { $0.targetName < $1.targetName }) {
            report.tablesChecked += 1
            report.checksumsChecked += 1
            let result = try await destination.query(RowChecksum.postgresQuery(table: plan.targetName, columns: plan.columns)).first ?? []
            let actual = EngineChangeProgress.Done(rows: Int64(result.first ?? "") ?? -1, checksum: result.count > 1 ? result[1] : "")
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
