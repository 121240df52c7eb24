import ArgumentParser
import Foundation

/// The output flags every `inspect` command shares.
struct InspectOutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Flag(help: "No progress display.")
    var quiet = false
}

/// How summaries are printed: as one JSON object for scripts, or as lines of text for people.
enum SummaryOutput {
    /// Prints `value` as one JSON object on standard output (sorted keys, so scripts can diff it).
    static func printJSON(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
    }

    static func printText(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// At most 20 names, then how many more.
    static func list(_ names: [String]) -> String {
        names.count <= 20 ? names.joined(separator: ", ") : names.prefix(20).joined(separator: ", ") + ", … (\(names.count - 20) more)"
    }

    /// `count name` pairs, largest first (ties by name); `none` when empty.
    static func counts(_ map: [String: Int]) -> String {
        map.isEmpty ? "none" : map.sorted { $0.value > $1.value || $0.value == $1.value && $0.key < $1.key }
            .map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    }
}
