/// Collects findings, keeping at most `maxPerID` of each id so that a broken multi-million-line file
/// cannot exhaust memory; the rest are counted and summarised by one closing finding per id.
struct FindingLog {
    static let defaultMaxPerID = 1_000

    let strict: Bool
    let maxPerID: Int
    private(set) var errors: [ValidationFinding] = []
    private(set) var warnings: [ValidationFinding] = []
    private var keptPerID: [String: Int] = [:]
    private var omittedErrors: [String: Int] = [:]
    private var omittedWarnings: [String: Int] = [:]
    /// Every finding so far, kept or omitted: lets a check tell whether a step found anything.
    private(set) var count = 0

    init(strict: Bool, maxPerID: Int = defaultMaxPerID) {
        self.strict = strict
        self.maxPerID = maxPerID
    }

    mutating func error(_ id: String, line: Int, _ message: String) {
        record(ValidationFinding(line: line, id: id, message: message), asError: true)
    }

    /// A warning, reported as an error under `strict`.
    mutating func warning(_ id: String, line: Int, _ message: String) {
        record(ValidationFinding(line: line, id: id, message: message), asError: strict)
    }

    private mutating func record(_ finding: ValidationFinding, asError: Bool) {
        count += 1
        let kept = keptPerID[finding.id, default: 0]
        guard kept < maxPerID else {
            if asError { omittedErrors[finding.id, default: 0] += 1 } else { omittedWarnings[finding.id, default: 0] += 1 }
            return
        }
        keptPerID[finding.id] = kept + 1
        if asError { errors.append(finding) } else { warnings.append(finding) }
    }

    /// Errors and warnings in line order (checks made after the last line, such as emoji images,
    /// are merged back in), each followed by one summary per id whose findings were cut off.
    func finished() -> (errors: [ValidationFinding], warnings: [ValidationFinding]) {
        func byLine(_ findings: [ValidationFinding]) -> [ValidationFinding] {
            findings.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
        }
        func summaries(_ omitted: [String: Int]) -> [ValidationFinding] {
            omitted.sorted { $0.key < $1.key }.map {
                ValidationFinding(line: 0, id: ImportErrorID.findingsOmitted,
                                  message: "\($0.value) more findings with id \($0.key) were omitted (only the first \(maxPerID) are listed)")
            }
        }
        return (byLine(errors) + summaries(omittedErrors), byLine(warnings) + summaries(omittedWarnings))
    }
}
