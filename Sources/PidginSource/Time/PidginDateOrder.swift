import SourceToolkit

/// The order of day, month and year in a numeric date (`12/09/2011`, `09.12.2011`, `2011-12-09`): the
/// writer's locale decides it, so it is detected per file (see `PidginHeader.dateOrder`) or given.
public enum PidginDateOrder: String, Sendable, CaseIterable {
    case mdy, dmy, ymd

    /// The date `parts` mean in this order (two-digit years are 1970–2069), or `nil` if not a real date.
    func date(_ parts: PidginStamp.NumericDate) -> (year: Int, month: Int, day: Int)? {
        let (year, month, day): (Int, Int, Int) = switch self {
        case .mdy: (parts.third, parts.first, parts.second)
        case .dmy: (parts.third, parts.second, parts.first)
        case .ymd: (parts.first, parts.second, parts.third)
        }
        let fullYear = year < 100 ? (year < 70 ? 2000 + year : 1900 + year) : year
        guard CivilTime.isValidDate(year: fullYear, month: month, day: day) else { return nil }
        return (fullYear, month, day)
    }

    /// The orders a date's shape allows: a four-digit first part is always year first.
    static func candidates(for parts: PidginStamp.NumericDate) -> [PidginDateOrder] {
        parts.firstHasFourDigits ? [.ymd] : [.mdy, .dmy]
    }
}
