import MattermostImport
import SourceToolkit

/// A file object of a message (`files[]` or the legacy single `file`).
public struct SlackFile: Sendable {
    public var id: String?
    public var name: String?
    public var title: String?
    /// `hosted`, `external`, `snippet`, `post`, `tombstone`, `hidden_by_limit`.
    public var mode: String?
    public var isExternal: Bool
    /// `access_denied`, `file_not_found` mark stubs without content.
    public var fileAccess: String?
    public var size: Int64?
    public var urlPrivate: String?
    public var urlPrivateDownload: String?
    public var permalink: String?

    /// Picks the fields out of a parsed file object; `nil` when it is not an object.
    public init?(json: JSONValue) {
        guard case .object(let c) = json else { return nil }
        id = c["id"]?.stringValue
        name = c["name"]?.stringValue
        title = c["title"]?.stringValue
        mode = c["mode"]?.stringValue
        isExternal = c["is_external"]?.boolValue ?? false
        fileAccess = c["file_access"]?.stringValue
        size = c["size"]?.lenientInt64
        urlPrivate = c["url_private"]?.stringValue
        urlPrivateDownload = c["url_private_download"]?.stringValue
        permalink = c["permalink"]?.stringValue
    }

    /// The URL a download would use (tokenised in current exports).
    public var downloadURL: String? { urlPrivateDownload ?? urlPrivate }
}
