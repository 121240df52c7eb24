import Foundation
import MattermostImport
import SourceToolkit

/// Reads Slack's JSON files (day files and lists, each a top-level array) one element at a time through
/// the shared streaming reader, so memory is bounded by the largest element, and turns failures into
/// `SlackSourceError.malformedJSON` naming the entry and the parser's byte offset in it. Strings are
/// repaired rather than rejected (see `JSONParser.Reusable.repairsStrings`); callers report the repairs.
enum SlackJSONDecoding {
    /// The report reason for a message or list file whose strings were repaired.
    static let repairReason = "text kept with a repaired invalid escape, lone surrogate or raw control character"

    /// Calls `body` with each element, its string repairs and its index. Returns `false` when the entry
    /// is empty or only whitespace.
    @discardableResult
    static func forEachElement(in entry: SourceArchive.Entry, reader: SourceArchive, maxElementBytes: Int,
                               skipping: JSONMemberSkipping? = nil,
                               _ body: (_ element: JSONValue, _ repairs: Int, _ index: Int) throws -> Void) throws -> Bool {
        var index = 0
        do {
            return try reader.forEachArrayElement(in: entry, maxElementBytes: maxElementBytes, repairsStrings: true,
                                                  skipping: skipping) { element, repairs in
                try body(element, repairs, index)
                index += 1
            }
        } catch let error as JSONParseError {
            let hint = error.reason.hasPrefix(JSONArrayStream.tooLargeReason) ? " (raise it with --max-json-element-size)" : ""
            throw SlackSourceError.malformedJSON(archive: reader.url.lastPathComponent, entry: entry.storedName,
                                                 offset: error.offset, detail: error.reason + hint)
        }
    }

    /// Every element of a list file converted by `make` (which returns `nil` for an element of the wrong
    /// shape, making the file malformed), with the total of string repairs; `nil` for an empty file.
    static func list<T>(_ entry: SourceArchive.Entry, reader: SourceArchive, maxElementBytes: Int,
                        what: String, _ make: (JSONValue) -> T?) throws -> (items: [T], repairs: Int)? {
        var items: [T] = []
        var repairs = 0
        let present = try forEachElement(in: entry, reader: reader, maxElementBytes: maxElementBytes) { element, elementRepairs, index in
            guard let item = make(element) else { throw wrongShape(entry, reader: reader, expected: what, index: index) }
            items.append(item)
            repairs += elementRepairs
        }
        return present ? (items, repairs) : nil
    }

    /// An element that parsed but is not what the file must hold (e.g. a message that is not an object).
    static func wrongShape(_ entry: SourceArchive.Entry, reader: SourceArchive, expected: String, index: Int) -> SlackSourceError {
        .malformedJSON(archive: reader.url.lastPathComponent, entry: entry.storedName, offset: nil,
                       detail: "expected \(expected) at [\(index)]")
    }
}
