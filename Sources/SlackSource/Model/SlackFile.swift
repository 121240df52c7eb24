/// A file object of a message (`files[]` or the legacy single `file`).
public struct SlackFile: Decodable, Sendable {
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

    enum CodingKeys: String, CodingKey {
        case id, name, title, mode, isExternal = "is_external", fileAccess = "file_access", size
        case urlPrivate = "url_private", urlPrivateDownload = "url_private_download", permalink
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = c.lenient(String.self, .id)
        name = c.lenient(String.self, .name)
        title = c.lenient(String.self, .title)
        mode = c.lenient(String.self, .mode)
        isExternal = c.lenient(Bool.self, .isExternal) ?? false
        fileAccess = c.lenient(String.self, .fileAccess)
        size = c.lenient(LenientInt64.self, .size)?.value
        urlPrivate = c.lenient(String.self, .urlPrivate)
        urlPrivateDownload = c.lenient(String.self, .urlPrivateDownload)
        permalink = c.lenient(String.self, .permalink)
    }

    /// The URL a download would use (tokenised in current exports).
    public var downloadURL: String? { urlPrivateDownload ?? urlPrivate }
}
