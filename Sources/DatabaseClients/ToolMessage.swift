import Foundation

/// The line of a client tool's standard error worth quoting in a one-line error: the last one that
/// says ERROR/FATAL/error, else the last non-empty one.
public func lastLine(_ text: String) -> String {
    let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    return lines.last(where: { $0.contains("ERROR") || $0.contains("FATAL") || $0.contains("error") }) ?? lines.last ?? "no message"
}
