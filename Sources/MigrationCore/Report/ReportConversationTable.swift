/// The HTML report's table of conversations: one row per exported channel, DM or group with its
/// messages in and out, skipped, changed and date range, plus a totals row. Sorted by name here;
/// the page's script re-sorts by any column.
enum ReportConversationTable {
    static func render(_ report: MigrationReport) -> String {
        let rows = report.conversations.map { (id: $0.key, figures: $0.value, target: report.channelMapping[$0.key]) }
            .sorted { (MigrationReportHTML.targetName($0.target), $0.id) < (MigrationReportHTML.targetName($1.target), $1.id) }
        var body = ""
        var total = MigrationReport.ConversationFigures()
        for row in rows {
            let f = row.figures
            total.absorb(f)
            let name = MigrationReportHTML.targetName(row.target)
            let type: String = switch row.target {
            case .channel: "channel"
            case .direct(let members): members.count > 2 ? "group" : "direct"
            case nil: "not exported"
            }
            body += "<tr data-conversation=\"\(HTMLText.escape(row.id))\">"
                + "<td data-value=\"\(HTMLText.escape(name.isEmpty ? row.id : name))\">\(HTMLText.escape(name.isEmpty ? row.id : name))</td>"
                + "<td data-value=\"\(type)\">\(type)</td>"
                + columns(f) + "</tr>\n"
        }
        return """
            <section id="conversations"><h2>Conversations <small>\(HTMLText.count(rows.count))</small></h2>
            <p class="hint">Click a column heading to sort. Changed: messages split, or moved in time to fit Mattermost's thread and time rules.</p>
            <div class="scroll"><table class="numbers sortable" id="conversation-table">
            <thead><tr><th data-sort="text">Conversation</th><th data-sort="text">Type</th><th data-sort="number">Messages in</th>\
            <th data-sort="number">Messages out</th><th data-sort="number">Skipped</th><th data-sort="number">Changed</th>\
            <th data-sort="text">First</th><th data-sort="text">Last</th></tr></thead>
            <tbody>
            \(body)</tbody>
            <tfoot><tr data-conversation-total><th>Total</th><th></th>\(columns(total))</tr></tfoot>
            </table></div>
            </section>

            """
    }

    private static func columns(_ f: MigrationReport.ConversationFigures) -> String {
        let first = f.firstPostAt.map(HTMLText.day) ?? "", last = f.lastPostAt.map(HTMLText.day) ?? ""
        return MigrationReportHTML.cell("messages_in", f.messagesIn) + MigrationReportHTML.cell("messages_out", f.messagesOut)
            + MigrationReportHTML.cell("skipped", f.skipped) + MigrationReportHTML.cell("changed", f.changed)
            + "<td data-field=\"first\" data-value=\"\(first)\">\(first)</td><td data-field=\"last\" data-value=\"\(last)\">\(last)</td>"
    }
}
