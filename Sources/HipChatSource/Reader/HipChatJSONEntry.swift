import MattermostImport

/// Sinks that decode a JSON entry as it streams past: one array element at a time (histories, user and
/// room lists, whatever their size), or a whole small document (emoticons, layout C lists).
enum HipChatJSONEntry {
    /// Hands each element of a top-level array to `body`; `failure` hears of a syntax error or an
    /// oversized element (the rest of the entry is then passed over).
    static func arrayElements(maxElementBytes: Int, failure: @escaping (JSONParseError) throws -> Void,
                              _ body: @escaping (JSONValue) throws -> Void) -> HipChatEntrySink {
        var stream = JSONArrayStream(maxElementBytes: maxElementBytes)
        var failed = false
        return HipChatEntrySink(
            chunk: { bytes in
                guard !failed else { return }
                do { try stream.feed(bytes) { element, _ in try body(element) } } catch let error as JSONParseError {
                    failed = true
                    try failure(error)
                }
            },
            end: {
                guard !failed else { return }
                do { _ = try stream.finish { element, _ in try body(element) } } catch let error as JSONParseError {
                    try failure(error)
                }
            })
    }

    /// Collects a whole document of at most `maxBytes` and hands it to `body` parsed.
    static func document(maxBytes: Int, failure: @escaping (JSONParseError) throws -> Void,
                         _ body: @escaping (JSONValue) throws -> Void) -> HipChatEntrySink {
        var bytes: [UInt8] = []
        var failed = false
        return HipChatEntrySink(
            chunk: { chunk in
                guard !failed else { return }
                bytes.append(contentsOf: chunk)
                if bytes.count > maxBytes {
                    failed = true
                    try failure(JSONParseError(offset: maxBytes, reason: "\(JSONArrayStream.tooLargeReason) \(maxBytes >> 20) MiB"))
                }
            },
            end: {
                guard !failed else { return }
                do {
                    let value = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
                    try body(value)
                } catch let error as JSONParseError {
                    try failure(error)
                }
            })
    }
}
