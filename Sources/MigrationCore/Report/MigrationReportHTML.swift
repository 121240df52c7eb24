import Foundation

/// Renders the run report as one self-contained HTML page (`--report FILE.html`): styles, script
/// and the histogram (SVG) are inline, and nothing is loaded from elsewhere (a Content-Security-Policy
/// forbids it). Every figure comes from the same `MigrationReport` as the JSON, and the page embeds
/// that JSON (`#report-data`), so the two always agree. Tables are rendered here, so the page reads
/// without script too; the script only sorts, filters and switches the histogram.
public enum MigrationReportHTML {
    /// Lists longer than this start collapsed (their count stays visible in the summary line).
    static let openListLimit = 20

    public static func render(_ report: MigrationReport) -> [UInt8] {
        var page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
            <title>Mattermove report: \(HTMLText.escape(report.source))</title>
            <style>\(ReportPageAssets.style)</style>
            </head>
            <body data-report-ready="no">
            <header><h1>Migration report</h1><p>Source: <b>\(HTMLText.escape(report.source))</b> · \
            <a href="#summary">Summary</a> · <a href="#conversations">Conversations</a> · <a href="#histogram">Messages over time</a> · \
            <a href="#mapping">Mapping</a> · <a href="#skipped">Skipped</a> · <a href="#changed">Changed</a></p></header>

            """
        page += summarySection(report)
        page += ReportConversationTable.render(report)
        page += ReportHistogram.render(report)
        page += mappingSection(report)
        page += entriesSection(id: "skipped", title: "Skipped", report.skipped)
        page += entriesSection(id: "changed", title: "Changed", report.changed)
        page += "<script type=\"application/json\" id=\"report-data\">\(HTMLText.scriptSafeJSON(MigrationReportJSON.encode(report)))</script>\n"
        page += "<script>\(ReportPageAssets.script)</script>\n</body></html>\n"
        return Array(page.utf8)
    }

    // MARK: summary

    /// Input → output → skipped per kind, with the balance: input = kept + skipped, and for messages
    /// kept + extra split parts = posts written.
    static func summarySection(_ report: MigrationReport) -> String {
        let out = report.output
        let messagesWritten = out.posts + out.replies + out.directPosts + out.directReplies
        let written: [MigrationReport.InputKind: Int] = [
            .users: out.users + out.bots, .channels: out.channels, .directChannels: out.directChannels,
            .messages: messagesWritten, .reactions: out.reactions, .files: out.attachments,
        ]
        let splitParts = report.changedCount("message_part")
        var rows = ""
        for kind in MigrationReport.InputKind.allCases {
            let input = report.input[kind], skipped = report.skippedCount(kind.rawValue), kept = input - skipped
            let note: String
            if kind == .messages {
                let balanced = kept + splitParts == messagesWritten
                note = "<span class=\"\(balanced ? "ok" : "warn")\">\(balanced ? "✓" : "✗") kept \(HTMLText.count(kept)) + "
                    + "\(HTMLText.count(splitParts)) split parts = \(HTMLText.count(kept + splitParts)) posts</span>"
            } else {
                let delta = (written[kind] ?? 0) - kept
                note = delta == 0 ? "<span class=\"ok\">✓</span>" : "\(delta > 0 ? "+" : "")\(HTMLText.count(delta)) (see Changed)"
            }
            rows += "<tr data-kind=\"\(kind.rawValue)\"><th>\(kind.rawValue.replacingOccurrences(of: "_", with: " "))</th>"
                + cell("input", input) + cell("skipped", skipped) + cell("kept", kept) + cell("written", written[kind] ?? 0)
                + "<td>\(note)</td></tr>\n"
        }
        let outputs: [(String, Int)] = [
            ("teams", out.teams), ("channels", out.channels), ("users", out.users), ("bots", out.bots), ("emoji", out.emoji),
            ("direct_channels", out.directChannels), ("posts", out.posts), ("replies", out.replies), ("direct_posts", out.directPosts),
            ("direct_replies", out.directReplies), ("reactions", out.reactions), ("attachments", out.attachments),
        ]
        let skippedTotal = report.skipped.reduce(0) { $0 + $1.count }
        let changedTotal = report.changed.reduce(0) { $0 + $1.count }
        let cards = """
            <div class="cards">
            <div class="card"><span>Input messages</span><b data-total="input_messages">\(HTMLText.count(report.input.messages))</b></div>
            <div class="card"><span>Posts written</span><b data-total="posts_written">\(HTMLText.count(messagesWritten))</b></div>
            <div class="card"><span>Items skipped</span><b data-total="skipped">\(HTMLText.count(skippedTotal))</b></div>
            <div class="card"><span>Items changed</span><b data-total="changed">\(HTMLText.count(changedTotal))</b></div>
            </div>
            """
        // What the admin must do before importing (e.g. accounts that must already exist).
        let notes = report.notes.isEmpty ? "" : "<div id=\"notes\"><h3>Before you import</h3><ul>"
            + report.notes.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul></div>\n"
        return """
            <section id="summary"><h2>Summary</h2>
            \(notes)\(cards)
            <table class="numbers"><thead><tr><th>Kind</th><th>Input</th><th>Skipped</th><th>Kept</th><th>Written</th><th>Balance</th></tr></thead>
            <tbody>
            \(rows)</tbody></table>
            <p class="output">Package lines: \(outputs.map { "<span data-output=\"\($0.0)\">\($0.0.replacingOccurrences(of: "_", with: " ")) <b>\(HTMLText.count($0.1))</b></span>" }.joined(separator: " · "))</p>
            </section>

            """
    }

    static func cell(_ field: String, _ value: Int) -> String {
        "<td data-field=\"\(field)\" data-value=\"\(value)\">\(HTMLText.count(value))</td>"
    }

    // MARK: mapping

    static func mappingSection(_ report: MigrationReport) -> String {
        var users = ""
        for (id, name) in report.userMapping.sorted(by: { $0.key < $1.key }) {
            users += "<tr data-user=\"\(HTMLText.escape(id))\"><td>\(HTMLText.escape(id))</td><td>\(HTMLText.escape(name))</td></tr>\n"
        }
        var channels = ""
        for (id, target) in report.channelMapping.sorted(by: { $0.key < $1.key }) {
            channels += "<tr data-channel=\"\(HTMLText.escape(id))\"><td>\(HTMLText.escape(id))</td><td>\(HTMLText.escape(targetName(target)))</td></tr>\n"
        }
        return """
            <section id="mapping"><h2>Mapping</h2>
            <p><input type="search" id="mapping-filter" placeholder="Filter ids and names…" aria-label="Filter the mapping"> <span id="mapping-shown"></span></p>
            \(collapsible(title: "Users (source id → Mattermost username)", count: report.userMapping.count, id: "user-mapping",
                          body: "<table class=\"mapping\"><thead><tr><th>Source id</th><th>Username</th></tr></thead><tbody>\n\(users)</tbody></table>"))
            \(collapsible(title: "Channels and direct messages (source id → team/channel or members)", count: report.channelMapping.count,
                          id: "channel-mapping",
                          body: "<table class=\"mapping\"><thead><tr><th>Source id</th><th>Mattermost</th></tr></thead><tbody>\n\(channels)</tbody></table>"))
            </section>

            """
    }

    /// How a mapped conversation is named on the page: `team/channel`, or the DM's members.
    static func targetName(_ target: MigrationReport.ReportChannelTarget?) -> String {
        switch target {
        case .channel(let team, let name): "\(team)/\(name)"
        case .direct(let members): members.joined(separator: ", ")
        case nil: ""
        }
    }

    // MARK: skipped and changed

    static func entriesSection(id: String, title: String, _ entries: [MigrationReport.Entry]) -> String {
        let total = entries.reduce(0) { $0 + $1.count }
        var body = ""
        for entry in entries {
            let items = entry.items.map { "<li>\(HTMLText.escape($0))</li>" }.joined()
            let unnamed = entry.count - entry.items.count
            let more = unnamed > 0 && !entry.items.isEmpty ? "<li class=\"more\">… and \(HTMLText.count(unnamed)) more not named</li>" : ""
            let head = "<span class=\"kind\">\(HTMLText.escape(entry.kind))</span> \(HTMLText.escape(entry.reason)) "
                + "<b data-count=\"\(entry.count)\">\(HTMLText.count(entry.count))</b>"
            if entry.items.isEmpty {
                body += "<div class=\"entry\" data-kind=\"\(HTMLText.escape(entry.kind))\">\(head)</div>\n"
            } else {
                body += "<details class=\"entry\" data-kind=\"\(HTMLText.escape(entry.kind))\"\(entry.items.count <= openListLimit ? " open" : "")>"
                    + "<summary>\(head)</summary><ul>\(items)\(more)</ul></details>\n"
            }
        }
        if entries.isEmpty { body = "<p class=\"ok\">Nothing \(title.lowercased()).</p>\n" }
        return "<section id=\"\(id)\"><h2>\(title) <small data-total=\"\(id)\">\(HTMLText.count(total)) items in \(entries.count) groups</small></h2>\n\(body)</section>\n\n"
    }

    /// A `<details>` block, open when it is short, with its count in the summary line.
    static func collapsible(title: String, count: Int, id: String, body: String) -> String {
        "<details id=\"\(id)\"\(count <= openListLimit ? " open" : "")><summary>\(HTMLText.escape(title)) <b data-count=\"\(count)\">\(HTMLText.count(count))</b></summary>\n\(body)\n</details>"
    }
}
