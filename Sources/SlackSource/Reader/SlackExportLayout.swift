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
        for entry in archive.entries(under: "teams") {
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
            if let entry = archive.entry(at: name) { users.append(entry) }
        }
        for workspace in workspaces where !workspace.prefix.isEmpty {
            if let entry = archive.entry(at: workspace.prefix + "users.json") { users.append(entry) }
        }
        userFiles = users
        let hasConversations = ListKind.allCases.contains { archive.entry(at: $0.rawValue) != nil } || isGrid
        guard !users.isEmpty || hasConversations else {
            throw SlackSourceError.notASlackExport(archive: archive.url.lastPathComponent)
        }
    }

    /// Day files (`YYYY-MM-DD.json`) directly inside `folder`, sorted by date.
    public static func dayFiles(in archive: SourceArchive, folder: String) -> [SourceArchive.Entry] {
        Array(IteratorSequence(DayFilePages(archive: archive, folder: folder)))
    }

    /// Whether `folder` directly holds a day file, without listing all of them.
    public static func firstDayFile(in archive: SourceArchive, folder: String) -> SourceArchive.Entry? {
        var pages = DayFilePages(archive: archive, folder: folder)
        return pages.next()
    }

    /// The day files of `folder` in order, fetched a page at a time (a channel can have 100,000 days).
    struct DayFilePages: IteratorProtocol {
        let archive: SourceArchive
        let folder: String
        private var page: [SourceArchive.Entry] = []
        private var position = 0
        private var last: String?
        private var done = false

        init(archive: SourceArchive, folder: String) {
            self.archive = archive
            self.folder = folder
        }

        mutating func next() -> SourceArchive.Entry? {
            let prefixLength = folder.utf8.count + 1
            while true {
                while position < page.count {
                    let entry = page[position]
                    position += 1
                    let name = entry.path.utf8.dropFirst(prefixLength)
                    if name.count == 15 && !name.contains(UInt8(ascii: "/")) && isDayFileName(Substring(name)) { return entry }
                }
                guard !done else { return nil }
                page = archive.entries(under: folder, after: last, limit: 1_024)
                position = 0
                last = page.last?.path
                done = page.count < 1_024
                if page.isEmpty { return nil }
            }
        }
    }

    /// `YYYY-MM-DD.json`.
    static func isDayFileName(_ name: Substring) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count == 15, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              name.hasSuffix(".json") else { return false }
        for position in [0, 1, 2, 3, 5, 6, 8, 9] where !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            return false
        }
        return true
    }
}
