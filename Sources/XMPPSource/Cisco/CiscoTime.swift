/// Cisco IM&P stores `SENT_DATE` and `TIMESTAMPVALUE` as database timestamps without a zone
/// (`2016-12-06 14:32:05.123`, or ISO with a `T`/`Z` as exports write them); they are read as UTC.
/// Some exports write epoch numbers instead: seconds, or milliseconds when larger than 10^11.
enum CiscoTime {
    static func milliseconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingWhitespace
        if let number = Int64(trimmed) { return number > 100_000_000_000 || number < -100_000_000_000 ? number : number * 1000 }
        var iso = trimmed
        if let space = iso.firstIndex(of: " ") { iso.replaceSubrange(space...space, with: "T") }
        return XMPPTimestamp.milliseconds(iso)
    }
}
