/// The one decision about a Slack file object, shared by `convert`, `inspect` and `--download-files`, so
/// their counts agree.
enum SlackFileStatus: Equatable {
    /// `mode: tombstone`: deleted in Slack.
    case tombstoned
    /// `mode: hidden_by_limit`: hidden by the free plan's limit.
    case hidden
    /// A stub without content: `file_access` other than `visible`, or no file name.
    case noAccess(String)
    /// `mode: external` / `is_external`: a link to Google Drive, Dropbox, …
    case external
    /// Not in the export; `--download-files` can fetch it when the object has a download URL.
    case missing
    /// In the export (or downloaded): the exporter's locator and the size.
    case present(locator: String, size: Int64)

    static func of(_ file: SlackFile, folder: String, locator: SlackFileLocator) throws -> SlackFileStatus {
        if file.mode == "tombstone" { return .tombstoned }
        if file.mode == "hidden_by_limit" { return .hidden }
        let isExternal = file.mode == "external" || file.isExternal
        if let access = file.fileAccess, access != "visible" { return .noAccess(access) }
        if (file.name ?? "").isEmpty && !isExternal { return .noAccess("no name") }
        if isExternal { return .external }
        if let id = file.id, let found = try locator.locate(fileID: id, folder: folder) {
            return .present(locator: found.locator, size: found.size)
        }
        return .missing
    }

    /// Whether `--download-files` should fetch it.
    var isDownloadable: Bool { self == .missing }
}
