import Foundation
import SourceToolkit

/// The first line of a log: `Conversation with {name} at {date} on {account} ({protocol})` (in HTML
/// inside `<title>` and `<h3>`), or `System log for account {account} ({protocol}) connected at {date}`.
/// `{date}` is `strftime("%c")` in the writer's locale, so the wording and date shape vary; identity
/// comes from the folder path, and the header serves to tell the file's numeric date order.
struct PidginHeader: Equatable {
    /// The header's text, tags removed and entities decoded.
    var text: String
    var isSystemLog: Bool
    /// The first numeric date in the header (`4/9/2007`, `20/03/2017`, `2006-12-21`), if any.
    var numericDate: PidginStamp.NumericDate?

    /// Whether `line` (the first line of a file) is a header rather than a message line.
    static func looksLikeHeader(_ line: String, format: PidginFileName.Format) -> Bool {
        switch format {
        case .html:
            let lower = line.lowercased()
            return lower.hasPrefix("<html") || lower.hasPrefix("<head") || lower.hasPrefix("<title") || lower.hasPrefix("<h3")
                || lower.hasPrefix("<!doctype") || lower.hasPrefix("<meta")
        case .text:
            // The logger always writes a header first; a message line starts with a stamp.
            return !line.hasPrefix("(") && !line.hasPrefix("---- ")
        }
    }

    init(line: String, format: PidginFileName.Format) {
        var source = Substring(line)
        if format == .html, let open = line.range(of: "<title>", options: .caseInsensitive),
           let close = line.range(of: "</title>", options: .caseInsensitive, range: open.upperBound..<line.endIndex) {
            source = line[open.upperBound..<close.lowerBound]
        }
        text = format == .html ? HTMLToMarkdown.convert(source).text.replacingOccurrences(of: "\n", with: " ")
            : String(source).trimmingCharacters(in: .whitespaces)
        isSystemLog = text.hasPrefix("System log for account ")
        numericDate = text.split(separator: " ").lazy.compactMap { token -> PidginStamp.NumericDate? in
            guard !token.contains(":"), token.first?.isNumber == true, token.contains(where: { "/.-".contains($0) }) else { return nil }
            return PidginStamp.parse(token + " 00:00")?.date
        }.first
    }

    /// The date order that makes the header's numeric date the file name's date (both are the
    /// conversation's local start), or `nil` when there is none or it reads the same in both orders.
    func dateOrder(matching name: PidginFileName) -> PidginDateOrder? {
        guard let date = numericDate else { return nil }
        let fits = PidginDateOrder.candidates(for: date).filter { order in
            guard let (year, month, day) = order.date(date) else { return false }
            return year == name.year && month == name.month && day == name.day
        }
        return fits.count == 1 ? fits[0] : nil
    }
}
