import MattermostImport

extension SourceArchive {
    /// Streams an entry whose JSON top level is an array, handing `body` one element at a time with the
    /// number of string repairs it needed (see `JSONParser.Reusable.repairsStrings`): memory is bounded
    /// by `maxElementBytes`, whatever the entry's size. Returns `false` when the entry is empty or only
    /// whitespace. A syntax error, or an element above the limit, throws `JSONParseError` with its offset
    /// in the entry.
    public func forEachArrayElement(in entry: Entry, maxElementBytes: Int = JSONArrayStream.defaultMaxElementBytes,
                                    repairsStrings: Bool = false, skipping: JSONMemberSkipping? = nil,
                                    _ body: (JSONValue, _ repairs: Int) throws -> Void) throws -> Bool {
        var stream = JSONArrayStream(maxElementBytes: maxElementBytes, repairsStrings: repairsStrings)
        stream.skipping = skipping
        try read(entry) { chunk in try stream.feed(chunk, body) }
        return try stream.finish(body)
    }
}
