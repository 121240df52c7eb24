import MattermostImport
import SourceToolkit

/// Reads and parses the history files on a background thread (`BackgroundProducer`) while the caller
/// converts and stages the elements parsed before, so JSON decoding (and the spool's decryption) runs
/// on a second core. Elements come in file order, a batch at a time.
enum HipChatHistoryDecoding {
    /// Up to `batchSize` elements of history file number `file`; a syntax error or an oversized element
    /// ends the file (`failure`: its rest is not read). Every file ends with a batch marked `isLast`.
    struct Batch: Sendable {
        var file: Int
        var elements: [JSONValue]
        var failure: JSONParseError?
        var isLast: Bool
    }

    static let batchSize = 256

    static func start(_ histories: HipChatHistories, maxElementBytes: Int) -> BackgroundProducer<Batch> {
        let files = histories.files
        return BackgroundProducer(capacity: 8, name: "hipchat-histories") { yield in
            for (number, file) in files.enumerated() {
                var stream = JSONArrayStream(maxElementBytes: maxElementBytes)
                var elements: [JSONValue] = []
                elements.reserveCapacity(batchSize)
                func collect(_ element: JSONValue, _: Int) throws {
                    elements.append(element)
                    if elements.count == batchSize {
                        try yield(Batch(file: number, elements: elements, failure: nil, isLast: false))
                        elements.removeAll(keepingCapacity: true)
                    }
                }
                var failure: JSONParseError?
                do {
                    try histories.read(file) { try stream.feed($0, collect) }
                    try stream.finish(collect)
                } catch let error as JSONParseError {
                    failure = error
                }
                try yield(Batch(file: number, elements: elements, failure: failure, isLast: true))
            }
        }
    }
}
