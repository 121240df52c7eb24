import Foundation
import Testing

/// Reads the HTML run report back for the tests: the embedded JSON, and the figures the page shows
/// in its tables (from their `data-*` attributes).
struct ReportPage {
    let html: String

    init(contentsOf url: URL) throws {
        html = try String(contentsOf: url, encoding: .utf8)
    }

    /// The report JSON embedded in `#report-data`, with the page's `\u003c` escape undone.
    var embeddedJSON: String? {
        guard let start = html.range(of: "<script type=\"application/json\" id=\"report-data\">"),
              let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "\\u003c", with: "<")
    }

    /// `data-field` → `data-value` of each row whose opening tag carries `rowAttribute="KEY"`.
    func rows(_ rowAttribute: String) -> [String: [String: String]] {
        var result: [String: [String: String]] = [:]
        let row = try! Regex("<tr \(rowAttribute)=\"([^\"]*)\">(.*?)</tr>")
        let cell = try! Regex("data-field=\"([a-z_]+)\" data-value=\"([^\"]*)\"")
        for match in html.matches(of: row) {
            let key = Self.unescape(String(match.output[1].substring!))
            var fields: [String: String] = [:]
            for field in String(match.output[2].substring!).matches(of: cell) {
                fields[String(field.output[1].substring!)] = Self.unescape(String(field.output[2].substring!))
            }
            result[key] = fields
        }
        return result
    }

    /// `data-month` → `data-count` of the histogram's bars, in page order.
    var histogramBars: [(month: String, count: Int)] {
        html.matches(of: try! Regex("<rect class=\"bar\" data-month=\"([0-9-]+)\" data-count=\"([0-9]+)\"")).map {
            (String($0.output[1].substring!), Int(String($0.output[2].substring!))!)
        }
    }

    /// The `data-count` values of the entries in the section `id` (skipped or changed), in order.
    func entryCounts(section id: String) -> [Int] {
        guard let start = html.range(of: "<section id=\"\(id)\">"),
              let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex) else { return [] }
        return String(html[start.upperBound..<end.lowerBound]).matches(of: try! Regex("<b data-count=\"([0-9]+)\">")).map {
            Int(String($0.output[1].substring!))!
        }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Checks the page against the JSON report of the same run: the embedded copy, the summary, every
    /// conversation row, the histogram and the skipped/changed counts.
    func expectMatches(json jsonBytes: Data, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(embeddedJSON == String(decoding: jsonBytes, as: UTF8.self).trimmingCharacters(in: .newlines),
                "the page embeds the same JSON", sourceLocation: sourceLocation)
        let json = try #require(try JSONSerialization.jsonObject(with: jsonBytes) as? [String: Any])
        let input = try #require(json["input"] as? [String: Int])
        let summary = rows("data-kind")
        for (kind, count) in input {
            #expect(summary[kind]?["input"] == String(count), "summary input \(kind)", sourceLocation: sourceLocation)
        }
        let skipped = try #require(json["skipped"] as? [[String: Any]])
        let changed = try #require(json["changed"] as? [[String: Any]])
        for (kind, _) in input {
            let skips = skipped.filter { $0["kind"] as? String == kind }.reduce(0) { $0 + ($1["count"] as! Int) }
            #expect(summary[kind]?["skipped"] == String(skips), "summary skipped \(kind)", sourceLocation: sourceLocation)
        }
        #expect(entryCounts(section: "skipped") == skipped.map { $0["count"] as! Int }, sourceLocation: sourceLocation)
        #expect(entryCounts(section: "changed") == changed.map { $0["count"] as! Int }, sourceLocation: sourceLocation)
        let conversations = try #require(json["conversations"] as? [String: [String: Any]])
        let tableRows = rows("data-conversation")
        #expect(Set(tableRows.keys) == Set(conversations.keys), "one table row per conversation", sourceLocation: sourceLocation)
        var perMonth: [String: Int] = [:]
        for (id, figures) in conversations {
            for field in ["messages_in", "messages_out", "skipped", "changed"] {
                #expect(tableRows[id]?[field] == String(figures[field] as! Int), "\(id) \(field)", sourceLocation: sourceLocation)
            }
            for (month, count) in figures["posts_per_month"] as! [String: Int] { perMonth[month, default: 0] += count }
        }
        // The conversations add up to the report's totals.
        let output = try #require(json["output"] as? [String: Int])
        let written = ["posts", "replies", "direct_posts", "direct_replies"].reduce(0) { $0 + output[$1]! }
        let sum = { (field: String) in conversations.values.reduce(0) { $0 + ($1[field] as! Int) } }
        #expect(sum("messages_in") == input["messages"], sourceLocation: sourceLocation)
        #expect(sum("messages_out") == written, sourceLocation: sourceLocation)
        #expect(sum("skipped") == skipped.filter { $0["kind"] as? String == "messages" }.reduce(0) { $0 + ($1["count"] as! Int) },
                sourceLocation: sourceLocation)
        let bars = histogramBars
        #expect(bars.map(\.month) == bars.map(\.month).sorted(), sourceLocation: sourceLocation)
        #expect(bars.filter { $0.count > 0 }.count == perMonth.count, sourceLocation: sourceLocation)
        for bar in bars { #expect(bar.count == perMonth[bar.month] ?? 0, "month \(bar.month)", sourceLocation: sourceLocation) }
    }

    /// Every section the issue asks for, and nothing that would load from elsewhere.
    func expectComplete(sourceLocation: SourceLocation = #_sourceLocation) {
        for marker in ["<section id=\"summary\">", "<section id=\"conversations\">", "<section id=\"histogram\">",
                       "<svg id=\"histogram-chart\"", "<section id=\"mapping\">", "id=\"mapping-filter\"",
                       "<section id=\"skipped\">", "<section id=\"changed\">", "class=\"numbers sortable\"",
                       "Content-Security-Policy"] {
            #expect(html.contains(marker), "page has \(marker)", sourceLocation: sourceLocation)
        }
        for external in [" src=", "<link", "@import", "url("] {
            #expect(!html.contains(external), "page loads nothing (\(external))", sourceLocation: sourceLocation)
        }
    }
}
