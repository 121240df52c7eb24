import Foundation
import MattermostImport

/// Encodes the run report as one JSON object with a fixed key order and sorted mappings, so the
/// same run gives the same bytes.
public enum MigrationReportJSON {
    public static func encode(_ report: MigrationReport) -> [UInt8] {
        var w = JSONWriter(reservingCapacity: 4096)
        w.beginObject()
        w.key("source"); w.string(report.source)
        w.key("input"); w.beginObject()
        w.key("users"); w.int(Int64(report.input.users))
        w.key("channels"); w.int(Int64(report.input.channels))
        w.key("direct_channels"); w.int(Int64(report.input.directChannels))
        w.key("messages"); w.int(Int64(report.input.messages))
        w.key("reactions"); w.int(Int64(report.input.reactions))
        w.key("files"); w.int(Int64(report.input.files))
        w.endObject()
        let out = report.output
        w.key("output"); w.beginObject()
        for (key, value) in [("teams", out.teams), ("channels", out.channels), ("users", out.users), ("bots", out.bots),
                             ("emoji", out.emoji), ("direct_channels", out.directChannels), ("posts", out.posts),
                             ("replies", out.replies), ("direct_posts", out.directPosts), ("direct_replies", out.directReplies),
                             ("reactions", out.reactions), ("attachments", out.attachments)] {
            w.key(dynamic: key); w.int(Int64(value))
        }
        w.endObject()
        w.key("skipped"); entries(report.skipped, &w)
        w.key("changed"); entries(report.changed, &w)
        if !report.notes.isEmpty { w.field("notes", report.notes) }
        w.key("mapping"); w.beginObject()
        w.key("users"); w.beginObject()
        for (id, name) in report.userMapping.sorted(by: { $0.key < $1.key }) {
            w.key(dynamic: id); w.string(name)
        }
        w.endObject()
        w.key("channels"); w.beginObject()
        for (id, target) in report.channelMapping.sorted(by: { $0.key < $1.key }) {
            w.key(dynamic: id)
            switch target {
            case .channel(let team, let name):
                w.beginObject(); w.key("team"); w.string(team); w.key("name"); w.string(name); w.endObject()
            case .direct(let members):
                w.beginObject(); w.field("members", members); w.endObject()
            }
        }
        w.endObject()
        w.endObject()
        w.key("conversations"); conversations(report.conversations, &w)
        w.endObject()
        return w.bytes + [0x0A]
    }

    /// Per-conversation figures, sorted by source id; months sorted, times in milliseconds (UTC).
    private static func conversations(_ figures: [String: MigrationReport.ConversationFigures], _ w: inout JSONWriter) {
        w.beginObject()
        for (id, f) in figures.sorted(by: { $0.key < $1.key }) {
            w.key(dynamic: id); w.beginObject()
            w.key("messages_in"); w.int(Int64(f.messagesIn))
            w.key("messages_out"); w.int(Int64(f.messagesOut))
            w.key("skipped"); w.int(Int64(f.skipped))
            w.key("changed"); w.int(Int64(f.changed))
            w.key("first_post_at"); if let first = f.firstPostAt { w.int(first) } else { w.null() }
            w.key("last_post_at"); if let last = f.lastPostAt { w.int(last) } else { w.null() }
            w.key("posts_per_month"); w.beginObject()
            for (month, count) in f.postsPerMonth.sorted(by: { $0.key < $1.key }) { w.key(dynamic: month); w.int(Int64(count)) }
            w.endObject()
            w.endObject()
        }
        w.endObject()
    }

    private static func entries(_ list: [MigrationReport.Entry], _ w: inout JSONWriter) {
        w.beginArray()
        for entry in list {
            w.beginObject()
            w.key("kind"); w.string(entry.kind)
            w.key("reason"); w.string(entry.reason)
            w.key("count"); w.int(Int64(entry.count))
            if !entry.items.isEmpty { w.field("items", entry.items) }
            w.endObject()
        }
        w.endArray()
    }
}
