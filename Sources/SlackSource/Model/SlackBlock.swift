/// A Block Kit block or rich-text element, decoded loosely: one recursive shape covers `rich_text`,
/// its sections/lists/quotes/preformatted parts and their inline elements, plus `section`, `header`,
/// `context` and `divider` blocks. Unknown types decode fine and render as their text, if any.
public struct SlackBlock: Decodable, Sendable {
    public struct Style: Decodable, Sendable {
        public var bold = false, italic = false, strike = false, code = false

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            bold = c.lenient(Bool.self, .bold) ?? false
            italic = c.lenient(Bool.self, .italic) ?? false
            strike = c.lenient(Bool.self, .strike) ?? false
            code = c.lenient(Bool.self, .code) ?? false
        }

        enum CodingKeys: String, CodingKey { case bold, italic, strike, code }
    }

    public var type: String
    /// Inline text, or the `text` of a `section`/`header` text object.
    public var text: String?
    /// `mrkdwn` when `text` came from a text object that uses Slack markup.
    public var textIsMarkup: Bool
    public var elements: [SlackBlock]
    public var fields: [SlackBlock]
    public var style: Style?
    /// List style: `bullet` or `ordered`.
    public var listStyle: String?
    public var indent: Int
    public var offset: Int
    public var url: String?
    public var userID: String?
    public var channelID: String?
    public var usergroupID: String?
    public var range: String?
    public var name: String?
    public var unicode: String?
    public var fallback: String?

    enum CodingKeys: String, CodingKey {
        case type, text, elements, fields, style, indent, offset, url, userID = "user_id", channelID = "channel_id"
        case usergroupID = "usergroup_id", range, name, unicode, fallback
    }

    private struct TextObject: Decodable {
        var type: String?
        var text: String?
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        type = c.lenient(String.self, .type) ?? ""
        if let plain = c.lenient(String.self, .text) {
            text = plain
            textIsMarkup = false
        } else if let object = c.lenient(TextObject.self, .text) {
            text = object.text
            textIsMarkup = object.type == "mrkdwn"
        } else {
            text = nil
            textIsMarkup = false
        }
        elements = c.lenient([SlackBlock].self, .elements) ?? []
        fields = c.lenient([SlackBlock].self, .fields) ?? []
        if let listStyle = c.lenient(String.self, .style) {
            self.listStyle = listStyle
            style = nil
        } else {
            style = c.lenient(Style.self, .style)
        }
        indent = c.lenient(Int.self, .indent) ?? 0
        offset = c.lenient(Int.self, .offset) ?? 0
        url = c.lenient(String.self, .url)
        userID = c.lenient(String.self, .userID)
        channelID = c.lenient(String.self, .channelID)
        usergroupID = c.lenient(String.self, .usergroupID)
        range = c.lenient(String.self, .range)
        name = c.lenient(String.self, .name)
        unicode = c.lenient(String.self, .unicode)
        fallback = c.lenient(String.self, .fallback)
    }
}
