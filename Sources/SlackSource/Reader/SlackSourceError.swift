/// Problems that stop a Slack conversion; each `description` is one line naming the file and what to do.
public enum SlackSourceError: Error, CustomStringConvertible, Equatable {
    case notASlackExport(archive: String)
    /// A JSON file that does not decode: entry name, byte offset (if known) and the parser's complaint.
    case malformedJSON(archive: String, entry: String, offset: Int?, detail: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .notASlackExport(let archive):
            return "\(archive): not a Slack export (no users.json, org_users.json or channels.json at the top level or in one wrapper folder)"
        case .malformedJSON(let archive, let entry, let offset, let detail):
            let position = offset.map { " at byte \($0)" } ?? ""
            return "\(archive): \(entry): malformed JSON\(position): \(detail) (fix or remove the file, or pass --lenient to skip it and list it in the report)"
        case .invalidOption(let message):
            return message
        }
    }
}
