/// One Slack `<…>` control sequence, classified.
enum SlackToken: Equatable {
    case user(id: String, label: String?)
    case channel(id: String, label: String?)
    /// `@here`, `@channel`, `@all`.
    case special(String)
    /// `<!subteam^S123|@team>`: the label (or the id when there is none).
    case subteam(id: String, label: String?)
    /// `<!date^…|fallback>` and other `<!…|label>` commands: shown as their fallback text.
    case fallback(String)
    case link(url: String, label: String?)

    /// Classifies the text between `<` and `>` (entities not yet decoded).
    static func parse(_ body: Substring) -> SlackToken {
        let (target, label): (Substring, String?) = {
            guard let bar = body.firstIndex(of: "|") else { return (body, nil) }
            return (body[..<bar], String(body[body.index(after: bar)...]))
        }()
        let nonEmptyLabel = label.flatMap { $0.isEmpty ? nil : $0 }
        if target.hasPrefix("@") {
            let id = target.dropFirst()
            switch id {
            case "here", "channel", "everyone": return .special(specialName(id))
            default: return .user(id: String(id), label: nonEmptyLabel)
            }
        }
        if target.hasPrefix("#") { return .channel(id: String(target.dropFirst()), label: nonEmptyLabel) }
        if target.hasPrefix("!") {
            let command = target.dropFirst()
            let word = command.prefix { $0 != "^" }
            switch word {
            case "here", "channel", "everyone": return .special(specialName(word))
            case "subteam":
                let id = command.drop { $0 != "^" }.dropFirst()
                return .subteam(id: String(id), label: nonEmptyLabel)
            default:
                return .fallback(nonEmptyLabel ?? String(word))
            }
        }
        return .link(url: String(target), label: nonEmptyLabel)
    }

    private static func specialName(_ word: Substring) -> String {
        switch word {
        case "here": "@here"
        case "channel": "@channel"
        default: "@all"
        }
    }
}
