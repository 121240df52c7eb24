/// Problems that stop a Pidgin conversion; each `description` is one line naming the file and what to do.
public enum PidginSourceError: Error, CustomStringConvertible, Equatable {
    case noLogs(String)
    /// A line that is no record of any known kind: file, line number, byte offset and the line's start.
    case unknownLine(file: String, line: Int, offset: Int, text: String)
    case unreadableFile(file: String, detail: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .noLogs(let root):
            return "\(root): no Pidgin logs found (expected <protocol>/<account>/<buddy or room>/<date>.html|.txt below ~/.purple/logs)"
        case .unknownLine(let file, let line, let offset, let text):
            return "\(file): line \(line) (byte \(offset)): unknown log line \"\(text)\" (pass --lenient to skip it and list it in the report)"
        case .unreadableFile(let file, let detail):
            return "\(file): cannot read the log (\(detail)); pass --lenient to skip it and list it in the report"
        case .invalidOption(let message):
            return message
        }
    }
}
