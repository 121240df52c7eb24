/// The HTML report's histogram of posts per month as inline SVG: one bar per month from the first
/// to the last (empty months included), a `<title>` per bar for hover, and data attributes the
/// page's script uses to show one conversation, or every conversation of a clicked month.
enum ReportHistogram {
    static let width = 960.0, height = 220.0, left = 48.0, bottom = 24.0, top = 12.0

    static func render(_ report: MigrationReport) -> String {
        let months = report.monthRange
        var totals: [String: Int] = [:]
        for figures in report.conversations.values { totals.merge(figures.postsPerMonth, uniquingKeysWith: +) }
        let peak = max(totals.values.max() ?? 0, 1)
        let slot = (width - left) / Double(max(months.count, 1))
        let plot = height - bottom - top
        var bars = ""
        for (index, month) in months.enumerated() {
            let count = totals[month] ?? 0
            let barHeight = plot * Double(count) / Double(peak)
            let x = left + Double(index) * slot
            bars += "<rect class=\"bar\" data-month=\"\(month)\" data-count=\"\(count)\" x=\"\(fmt(x + slot * 0.1))\" y=\"\(fmt(top + plot - barHeight))\" "
                + "width=\"\(fmt(max(slot * 0.8, 1)))\" height=\"\(fmt(barHeight))\"><title>\(month): \(HTMLText.count(count)) posts</title></rect>"
            // Label January (or the only months, when there are few) so the axis stays readable.
            if month.hasSuffix("-01") || months.count <= 12 || index == 0 {
                let label = months.count <= 12 ? month : String(month.prefix(4))
                bars += "<text class=\"axis\" x=\"\(fmt(x + slot / 2))\" y=\"\(fmt(height - 6))\" text-anchor=\"middle\">\(label)</text>"
            }
        }
        let options = report.conversations.keys
            .map { (id: $0, name: MigrationReportHTML.targetName(report.channelMapping[$0])) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
            .map { "<option value=\"\(HTMLText.escape($0.id))\">\(HTMLText.escape($0.name.isEmpty ? $0.id : $0.name))</option>" }
            .joined()
        let svg = months.isEmpty ? "<p class=\"hint\">No posts were written.</p>" : """
            <svg id="histogram-chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="Posts per month" data-peak="\(peak)">
            <line class="axis" x1="\(Int(left))" y1="\(fmt(top + plot))" x2="\(Int(width))" y2="\(fmt(top + plot))"/>
            <text class="axis" id="histogram-peak" x="\(Int(left) - 4)" y="\(fmt(top + 8))" text-anchor="end">\(HTMLText.count(peak))</text>
            <text class="axis" x="\(Int(left) - 4)" y="\(fmt(top + plot))" text-anchor="end">0</text>
            \(bars)
            </svg>
            """
        return """
            <section id="histogram"><h2>Messages over time <small>posts per month (UTC), \(months.count) months</small></h2>
            <p><label>Show <select id="histogram-conversation"><option value="">all conversations</option>\(options)</select></label>
            <span class="hint">Hover a bar for its count; click it for that month's conversations.</span></p>
            \(svg)
            <div id="month-detail" class="hint"></div>
            </section>

            """
    }

    private static func fmt(_ value: Double) -> String {
        String(format: "%.1f", value)
    }
}
