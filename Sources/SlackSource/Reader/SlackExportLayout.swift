import MigrationCore
import SourceToolkit

/// Where things are in a Slack export: one workspace at the root (a standard export), or an Enterprise
/// Grid org export with `teams/<workspace>/` folders plus org-wide/shared conversations at the root.
public struct SlackExportLayout: Sendable {
    /// One workspace (a Mattermost team).
    public struct Workspace: Sendable, Equatable {
        /// `""` for a standard export, else `teams/<folder>/`.
        public var prefix: String
        /// The folder name (`teams/<folder>`), `nil` for a standard export.
        public var folder: String?
    }

    /// The four conversation lists, in the order conversations are added.
    public enum ListKind: String, Sendable, CaseIterable {
        case channels = "channels.json", groups = "groups.json", mpims = "mpims.json", dms = "dms.json"
    }

    public static let rootMarkers = ["users.json", "org_users.json", "channels.json"]

    public let workspaces: [Workspace]
    public let isGrid: Bool
    /// `users.json` / `org_users.json` files, root first.
    public let userFiles: [SourceArchive.Entry]

    public init(archive: SourceArchive) throws {
        var folders: [String] = []
        for entry in try archive.entries(under: "teams") {
            let parts = entry.path.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count == 3, parts[2] == "channels.json" || parts[2] == "users.json" {
                let folder = String(parts[1])
                if folders.last != folder { folders.append(folder) }
            }
        }
        isGrid = !folders.isEmpty
        workspaces = isGrid ? folders.map { Workspace(prefix: "teams/\($0)/", folder: $0) } : [Workspace(prefix: "", folder: nil)]
        var users: [SourceArchive.Entry] = []
        for name in ["users.json", "org_users.json"] {
            if let entry = try archive.entry(at: name) { users.append(entry) }
        }
        for workspace in workspaces where !workspace.prefix.isEmpty {
            if let entry = try archive.entry(at: workspace.prefix + "users.json") { users.append(entry) }
        }
        userFiles = users
        let hasConversations = try ListKind.allCases.contains { try archive.entry(at: $0.rawValue) != nil } || isGrid
        guard !users.isEmpty || hasConversations else {
            throw SlackSourceError.notASlackExport(archive: archive.url.lastPathComponent)
        }
    }

    /// Whether `folder` directly holds a day file, without listing all of them.
    public static func firstDayFile(in archive: SourceArchive, folder: String) throws -> SourceArchive.Entry? {
        var pages = dayFilePages(archive: archive, folder: folder)
        return try pages.next()
    }

    /// The day files of `folder` in order, fetched a page at a time (a channel can have 100,000 days).
    static func dayFilePages(archive: SourceArchive, folder: String) -> FolderPages {
        FolderPages(archive: archive, folder: folder, include: isDayFileName)
    }

    /// `YYYY-MM-DD.json` (so never a path with `/`). Byte by byte without copying: it runs for every
    /// listed entry, under the decode pipeline's lock.
    static func isDayFileName(_ name: Substring) -> Bool {
        let pattern: StaticString = "0000-00-00.json"
        let utf8 = name.utf8
        guard utf8.count == pattern.utf8CodeUnitCount else { return false }
        var index = utf8.startIndex
        for position in 0..<pattern.utf8CodeUnitCount {
            let expected = pattern.utf8Start[position], byte = utf8[index]
            let matches = expected == UInt8(ascii: "0") ? (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) : byte == expected
            guard matches else { return false }
            utf8.formIndex(after: &index)
        }
        return true
    }
}
