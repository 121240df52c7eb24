/// One line of an `import.jsonl` file (spec §1.5): `{"type":"<kind>","<kind>":{…}}`, or the version line.
/// Indirect: a line is handed from builder to encoder to writer, and the largest payload (a user) made
/// every copy of any line a few hundred bytes long.
public indirect enum ImportLine: Sendable, JSONWritable {
    case version(VersionInfo?)
    case role(RoleImport)
    case scheme(SchemeImport)
    case team(TeamImport)
    case channel(ChannelImport)
    case user(UserImport)
    case bot(BotImport)
    case emoji(EmojiImport)
    case post(PostImport)
    case directChannel(DirectChannelImport)
    case directPost(DirectPostImport)

    /// The `type` string of the line.
    public var type: String {
        switch self {
        case .version: "version"
        case .role: "role"
        case .scheme: "scheme"
        case .team: "team"
        case .channel: "channel"
        case .user: "user"
        case .bot: "bot"
        case .emoji: "emoji"
        case .post: "post"
        case .directChannel: "direct_channel"
        case .directPost: "direct_post"
        }
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("type")
        w.string(type)
        switch self {
        case .version(let info):
            w.key("version")
            w.int(1)
            w.field("info", info)
        case .role(let v): w.field("role", v)
        case .scheme(let v): w.field("scheme", v)
        case .team(let v): w.field("team", v)
        case .channel(let v): w.field("channel", v)
        case .user(let v): w.field("user", v)
        case .bot(let v): w.field("bot", v)
        case .emoji(let v): w.field("emoji", v)
        case .post(let v): w.field("post", v)
        case .directChannel(let v): w.field("direct_channel", v)
        case .directPost(let v): w.field("direct_post", v)
        }
        w.endObject()
    }

    /// The line as UTF-8 bytes without the trailing newline.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        write(to: &writer)
        return writer.bytes
    }
}

/// Optional `info` object of the version line. `additional` is deliberately absent: newer servers
/// switch on scoped-export behaviour when it is present (spec §1.4).
public struct VersionInfo: Sendable, Equatable, JSONWritable {
    public var generator: String?
    public var version: String?
    public var created: String?

    public init(generator: String? = nil, version: String? = nil, created: String? = nil) {
        self.generator = generator
        self.version = version
        self.created = created
    }

    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.field("generator", generator)
        w.field("version", version)
        w.field("created", created)
        w.endObject()
    }
}
