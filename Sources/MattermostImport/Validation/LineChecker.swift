/// The first rule a Mattermost validator function rejects an object with (they stop at the first).
struct RuleFailure: Error {
    let id: String
    let message: String
}

/// Both texts are built only on failure: ids like `ImportErrorID.team("name_length")` are interpolated.
@inline(__always) func require(_ condition: Bool, _ id: @autoclosure () -> String, _ message: @autoclosure () -> String) throws(RuleFailure) {
    if !condition { throw RuleFailure(id: id(), message: message()) }
}

/// Checks JSONL lines in file order: syntax and exact JSON types, the version line, each object's
/// validator rules in Mattermost's order (first failure per object, as Mattermost stops there), then
/// save-time rules, references to earlier lines, duplicates and dedupe hazards.
final class LineChecker {
    let options: ValidationOptions
    /// `options.teamsExist`, lower-cased like every team name the checker compares.
    let existingTeams: Set<String>
    /// `options.usersExist`, lower-cased like every username the checker compares.
    let existingUsers: Set<String>
    var log: FindingLog
    var names = ReferenceIndex()
    var createAts: CreateAtIndex
    var counts = ValidationCounts()
    /// The package's `data/` files; nil for a bare JSONL, where file existence cannot be checked.
    var container: ContainerIndex?
    private(set) var linesSeen = 0
    /// Emoji image entries to open once the JSONL is read (line, zip entry name).
    var emojiImages: [(line: Int, entry: String)] = []
    /// For lines checked on this thread (`check`); the pipeline's reader thread has its own.
    private var parser = JSONParser.Reusable()
    /// The last post channel resolved without a finding (see `resolvePostChannel`).
    var lastPostChannel: (team: String, channel: String, index: UInt32)?
    /// Blank lines seen last and not yet reported: a run of them is one finding, whatever its length.
    private var pendingBlank: (first: Int, count: Int)?

    /// `jsonlBytes` (when known) pre-sizes the timestamp index at about one post per 200 bytes.
    init(options: ValidationOptions, container: ContainerIndex?, jsonlBytes: UInt64 = 0) {
        self.options = options
        self.existingTeams = Set(options.teamsExist.map { $0.lowercased() })
        self.existingUsers = Set(options.usersExist.map { $0.lowercased() })
        self.createAts = CreateAtIndex(expectedKeys: Int(min(jsonlBytes / 200, 1 << 24)))
        self.log = FindingLog(strict: options.strict)
        self.container = container
    }

    func lineTooLong(number: Int) {
        linesSeen = max(linesSeen, number)
        log.error(ImportErrorID.fileScan, line: number,
                  "line is longer than \(MattermostLimits.maxLineBytes / (1024 * 1024)) MiB, the most Mattermost reads; the import would stop here")
    }

    func check(line raw: UnsafeRawBufferPointer, number: Int) {
        apply(ParsedLine(raw, number: number, parser: &parser), number: number)
    }

    /// Checks a line parsed by `ParsedLine` (possibly on another thread).
    func apply(_ parsed: ParsedLine, number: Int) {
        if case .blank(let count) = parsed { return blankLines(from: number, count: count) }
        if pendingBlank != nil { reportBlankLines() }
        linesSeen = number
        switch parsed {
        case .blank: break
        case .tooLong: lineTooLong(number: number)
        case .undecodable(let message): log.error(ImportErrorID.jsonDecode, line: number, message)
        case .object(let raw):
            // Go decodes into typed structs: a wrong JSON type in any known field fails the line.
            switch LineSchema.check(raw, schema: LineSchema.line) {
            case .failure(let mismatch):
                log.error(ImportErrorID.jsonDecode, line: number, "wrong JSON type: \(mismatch.description)")
            case .success(let object):
                if number == 1 { return checkVersionLine(object) }
                dispatch(object, line: number)
            }
        }
    }

    private func checkVersionLine(_ line: JSONObject) {
        guard line.string("type") == "version", let version = line.int("version") else {
            return log.error(ImportErrorID.invalidVersion, line: 1, "line 1 must be {\"type\":\"version\",\"version\":1}")
        }
        if version != 1 {
            log.error(ImportErrorID.unsupportedVersion, line: 1, "version is \(version); Mattermost only reads version 1")
        }
        if line.object("info")?.field("additional") != nil {
            log.warning(ImportErrorID.versionInfoAdditional, line: 1,
                        "info.additional marks a scoped export and makes newer servers deactivate missing users; omit it")
        }
    }

    /// Whitespace-only lines: Go fails on the first, so a run of them is reported once, at its start.
    func blankLines(from first: Int, count: Int) {
        linesSeen = first + count - 1
        if let pending = pendingBlank, pending.first + pending.count == first {
            pendingBlank = (pending.first, pending.count + count)
        } else {
            if pendingBlank != nil { reportBlankLines() }
            pendingBlank = (first, count)
        }
    }

    private func reportBlankLines() {
        guard let run = pendingBlank else { return }
        pendingBlank = nil
        let what = run.count == 1 ? "unexpected empty line"
            : "unexpected empty lines: \(run.count) lines up to line \(run.first + run.count - 1) hold only whitespace"
        log.error(ImportErrorID.jsonDecode, line: run.first, "\(what); every line must hold one JSON object")
    }

    /// Called when the input had no lines at all.
    func emptyInput() {
        log.error(ImportErrorID.invalidVersion, line: 1, "the JSONL file is empty; line 1 must be {\"type\":\"version\",\"version\":1}")
    }

    /// The payload a line's `type` names.
    private enum Payload {
        case role, scheme, team, channel, user, bot, emoji, post, directChannel, directPost

        /// Posts first: a string switch compares case by case, and nearly every line is a post.
        init?(type: String) {
            switch type {
            case "post": self = .post
            case "direct_post": self = .directPost
            case "user": self = .user
            case "channel": self = .channel
            case "direct_channel": self = .directChannel
            case "team": self = .team
            case "emoji": self = .emoji
            case "bot": self = .bot
            case "role": self = .role
            case "scheme": self = .scheme
            default: return nil
            }
        }
    }

    private func dispatch(_ line: JSONObject, line number: Int) {
        let type = line.string("type") ?? ""
        guard let kind = Payload(type: type) else {
            let hint = type == "version" ? " (the version line may only be line 1)" : ""
            return log.error(ImportErrorID.unknownLineType, line: number, "unknown line type \"\(type)\"\(hint)")
        }
        guard let payload = line.object(type) else {
            return log.error(ImportErrorID.nullPayload(type), line: number,
                             "the line has type \"\(type)\" but no \"\(type)\" object; put the fields inside \"\(type)\":{…}")
        }
        switch kind {
        case .role: checkRoleLine(payload, line: number)
        case .scheme: checkScheme(payload, line: number)
        case .team: checkTeam(payload, line: number)
        case .channel: checkChannel(payload, line: number)
        case .user: checkUser(payload, line: number)
        case .bot: checkBot(payload, line: number)
        case .emoji: checkEmoji(payload, line: number)
        case .post: checkPost(payload, line: number)
        case .directChannel: checkDirectChannel(payload, line: number)
        case .directPost: checkDirectPost(payload, line: number)
        }
    }

    /// Reports the first validator failure of `rules`; returns whether the object passed.
    @discardableResult
    func validate(line: Int, _ rules: () throws(RuleFailure) -> Void) -> Bool {
        do {
            try rules()
            return true
        } catch {
            log.error(error.id, line: line, error.message)
            return false
        }
    }

    /// Records a name defined on `line`, or reports it as a duplicate of the line that defined it first.
    func registerUnique(_ name: String, _ table: WritableKeyPath<ReferenceIndex, [String: Int]>, id: String, what: String, line: Int) {
        if let first = names[keyPath: table][name] {
            log.error(id, line: line, "\(what) \"\(name)\" is already defined on line \(first)")
        } else {
            names[keyPath: table][name] = line
        }
    }

    /// Resolves a file reference; without a container only the `data/` escape is checked.
    func resolveFile(_ path: String) -> ContainerIndex.Resolution {
        if container != nil { return container!.resolve(path) }
        return ImportPath.entryName(for: path) == nil ? .escapesDataFolder : .found(entry: nil)
    }

    func finish() -> ValidationReport {
        reportBlankLines()
        if linesSeen == 0 { emptyInput() }
        if let unused = container?.unusedFiles {
            for file in unused {
                log.warning(ImportErrorID.unusedFile, line: 0, "\(file) is not referenced by any line")
            }
        }
        let (errors, warnings) = log.finished()
        return ValidationReport(errors: errors, warnings: warnings, counts: counts)
    }
}

extension LineChecker {
    /// Feeds a `LineSplitter` straight into the checker on the calling thread.
    struct Sink: LineSink {
        let checker: LineChecker

        func line(_ bytes: UnsafeRawBufferPointer, number: Int) { checker.check(line: bytes, number: number) }
        func blankLines(from first: Int, count: Int) { checker.blankLines(from: first, count: count) }
        func tooLong(number: Int) { checker.apply(.tooLong, number: number) }
    }
}
