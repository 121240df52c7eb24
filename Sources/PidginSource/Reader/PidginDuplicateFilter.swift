import Foundation
import MigrationCore
import SourceToolkit

/// Finds the second copy of a message when two people's logs of one conversation are both given: the
/// same sender and text within `tolerance` seconds, from a *different* copy (account and tree). Repeats
/// inside one copy are real messages and always kept. Copies are matched one to one (two "ok"s in
/// each copy remove two), nearest time first. Memory is one small entry per message of the current
/// conversation only; `reset` between conversations.
struct PidginDuplicateFilter {
    /// Two clocks, each stamping on receipt, can disagree by this much (seconds).
    static let tolerance: Int64 = 120

    private struct Seen {
        var time: Int64
        var copy: Int
        var matched: Bool
    }

    private var seen: [UInt64: [Seen]] = [:]
    /// Off for a conversation with one copy: nothing to match, nothing kept.
    var isActive = true

    /// Whether this message is another copy's duplicate; otherwise remembers it. `time` in milliseconds.
    mutating func isDuplicate(sender: String, text: String, time: Int64, copy: Int) -> Bool {
        guard isActive else { return false }
        let key = StableHash.of(sender, Self.normalized(text))
        let seconds = time / 1_000
        var entries = seen[key, default: []]
        var best: Int?
        for (index, entry) in entries.enumerated() where !entry.matched && entry.copy != copy {
            let distance = abs(entry.time - seconds)
            guard distance <= Self.tolerance else { continue }
            if let current = best, abs(entries[current].time - seconds) <= distance { continue }
            best = index
        }
        if let best {
            entries[best].matched = true
        } else {
            entries.append(Seen(time: seconds, copy: copy, matched: false))
        }
        seen[key] = entries
        return best != nil
    }

    mutating func reset() { seen.removeAll() }

    /// The text as both loggers would agree on it: an HTML copy converts markup to Markdown, a TXT copy
    /// strips it, so emphasis marks and link targets go (`[text](url)` → `text`), whitespace runs are one space.
    static func normalized(_ text: String) -> String {
        var plain = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            plain += rest[..<open]
            let after = rest[rest.index(after: open)...]
            if let close = after.range(of: "]("), let end = after[close.upperBound...].firstIndex(of: ")") {
                plain += after[..<close.lowerBound]
                rest = after[after.index(after: end)...]
            } else {
                plain += "["
                rest = after
            }
        }
        plain += rest
        return plain.split(whereSeparator: { $0.isWhitespace || $0 == "*" || $0 == "_" || $0 == "~" }).joined(separator: " ")
    }
}
