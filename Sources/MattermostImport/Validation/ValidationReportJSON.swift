/// The `mattermove validate --json` object, keys in a fixed order so the output is byte-identical
/// run to run: `{"valid", "errors": [{"line", "id", "message"}], "warnings", "counts": {…}}`.
extension ValidationReport {
    public func jsonBytes() -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 256 + 160 * (errors.count + warnings.count))
        writer.beginObject()
        writer.field("valid", isValid)
        writer.field("errors", errors)
        writer.field("warnings", warnings)
        writer.field("counts", counts)
        writer.endObject()
        return writer.bytes
    }
}

extension ValidationFinding: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("line", Int64(line))
        writer.field("id", id)
        writer.field("message", message)
        writer.endObject()
    }
}

extension ValidationCounts: JSONWritable {
    public func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("teams", Int64(teams))
        writer.field("channels", Int64(channels))
        writer.field("users", Int64(users))
        writer.field("bots", Int64(bots))
        writer.field("emoji", Int64(emoji))
        writer.field("posts", Int64(posts))
        writer.field("replies", Int64(replies))
        writer.field("reactions", Int64(reactions))
        writer.field("attachments", Int64(attachments))
        writer.field("direct_channels", Int64(directChannels))
        writer.field("direct_posts", Int64(directPosts))
        writer.endObject()
    }
}
