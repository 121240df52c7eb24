import Foundation
import SourceToolkit

/// The Mattermost text of a message stanza: the XHTML-IM body as Markdown when there is one (else the
/// plain body), a XEP-0461 reply's quoted fallback removed, XEP-0066 links appended, and `/me` as a
/// `me` post (`/me waves` → `*waves*`, what Mattermost's own `/me` writes).
struct StanzaText: Equatable {
    var text: String
    var postType: String?

    init(text: String, postType: String?) {
        self.text = text
        self.postType = postType
    }

    init(_ stanza: XMPPStanza) {
        // A Cisco file transfer's body only tells old clients they cannot download the file.
        var body = stanza.fileTransferName == nil ? stanza.body ?? "" : ""
        if stanza.replyToID != nil, let range = stanza.replyFallback {
            body = Self.removing(range, from: body)
        }
        // A reply's XHTML repeats the quote the fallback marks; the plain body is the reply itself.
        var text = stanza.replyFallback == nil ? (stanza.xhtmlMarkdown.flatMap { $0.isEmpty ? nil : $0 } ?? body) : body
        text = text.trimmingWhitespace
        for link in stanza.links where !link.url.isEmpty {
            let label = link.description ?? Self.fileName(of: link.url)
            let markdown = "[\(Self.escapeLabel(label))](\(link.url.replacingOccurrences(of: ")", with: "%29")))"
            if text == link.url || text.isEmpty {
                text = markdown
            } else if !text.contains(link.url) {
                text += "\n" + markdown
            }
        }
        if text.hasPrefix("/me ") {
            let action = text.dropFirst(4).trimmingCharacters(in: .whitespaces)
            self.text = action.isEmpty ? text : "*\(action)*"
            postType = action.isEmpty ? nil : "me"
        } else {
            self.text = text
            postType = nil
        }
    }

    /// `text` without the Unicode scalars at `range` (out-of-range offsets are clamped).
    static func removing(_ range: Range<Int>, from text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let lower = min(range.lowerBound, scalars.count), upper = min(range.upperBound, scalars.count)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[..<lower])
        view.append(contentsOf: scalars[upper...])
        return String(view)
    }

    /// The last path component of a URL, for a link without a description.
    static func fileName(of url: String) -> String {
        let path = url.split(separator: "?").first.map(String.init) ?? url
        let last = path.split(separator: "/").last.map(String.init) ?? url
        return (last.removingPercentEncoding ?? last).isEmpty ? url : (last.removingPercentEncoding ?? last)
    }

    static func escapeLabel(_ label: String) -> String {
        label.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
    }
}
