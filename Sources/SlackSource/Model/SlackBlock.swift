import MattermostImport
import SourceToolkit

/// A Block Kit block or rich-text element, decoded loosely: one recursive shape covers `rich_text`,
/// its sections/lists/quotes/preformatted parts and their inline elements, plus `section`, `header`,
/// `context` and `divider` blocks. Unknown types decode fine and render as their text, if any.
public struct SlackBlock: Sendable {
    public struct Style: Sendable {
        public var bold = false, italic = false, strike = false, code = false

        /// `nil` when the style is not an object.
        init?(json: JSONValue) {
            guard case .object(let c) = json else { return nil }
            bold = c["bold"]?.boolValue ?? false
            italic = c["italic"]?.boolValue ?? false
            strike = c["strike"]?.boolValue ?? false
            code = c["code"]?.boolValue ?? false
        }
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

    /// Picks the fields out of a parsed block or element; `nil` when it is not an object.
    public init?(json: JSONValue) {
        guard case .object(let c) = json else { return nil }
        type = c["type"]?.stringValue ?? ""
        switch c["text"] {
        case .string(let plain)?:
            text = plain
            textIsMarkup = false
        case .object(let object)?:
            // A text object: kept only when both of its fields have the right shape.
            let kind = object["type"], inner = object["text"]
            if (kind == nil || kind!.isNull || kind!.stringValue != nil) && (inner == nil || inner!.isNull || inner!.stringValue != nil) {
                text = inner?.stringValue
                textIsMarkup = kind?.stringValue == "mrkdwn"
            } else {
                text = nil
                textIsMarkup = false
            }
        default:
            text = nil
            textIsMarkup = false
        }
        elements = c["elements"]?.lenientArray(SlackBlock.init(json:)) ?? []
        fields = c["fields"]?.lenientArray(SlackBlock.init(json:)) ?? []
        if let listStyle = c["style"]?.stringValue {
            self.listStyle = listStyle
            style = nil
        } else {
            listStyle = nil
            style = c["style"].flatMap(Style.init(json:))
        }
        indent = c["indent"]?.intValue ?? 0
        offset = c["offset"]?.intValue ?? 0
        url = c["url"]?.stringValue
        userID = c["user_id"]?.stringValue
        channelID = c["channel_id"]?.stringValue
        usergroupID = c["usergroup_id"]?.stringValue
        range = c["range"]?.stringValue
        name = c["name"]?.stringValue
        unicode = c["unicode"]?.stringValue
        fallback = c["fallback"]?.stringValue
    }
}
