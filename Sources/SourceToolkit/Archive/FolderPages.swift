/// The entries below one folder of an export, fetched from the on-disk listing a page at a time, so a
/// folder with 100,000 files (a channel's day files, a log folder) is never listed whole in memory.
public struct FolderPages {
    public let archive: SourceArchive
    public let folder: String
    private let include: (Substring) -> Bool
    private let pageSize: Int
    private var page: [SourceArchive.Entry] = []
    private var position = 0
    private var last: String?
    private var done = false

    /// - Parameter include: whether an entry is wanted, given its path relative to `folder` (it may hold
    ///   `/` for entries in subfolders).
    public init(archive: SourceArchive, folder: String, pageSize: Int = 1_024, include: @escaping (Substring) -> Bool = { _ in true }) {
        self.archive = archive
        self.folder = folder
        self.pageSize = pageSize
        self.include = include
    }

    /// The next wanted entry in path order, or `nil` at the end of the folder.
    public mutating func next() throws -> SourceArchive.Entry? {
        let prefixLength = folder.isEmpty ? 0 : folder.utf8.count + 1
        while true {
            while position < page.count {
                let entry = page[position]
                position += 1
                if include(Substring(entry.path.utf8.dropFirst(prefixLength))) { return entry }
            }
            guard !done else { return nil }
            page = try archive.entries(under: folder, after: last, limit: pageSize)
            position = 0
            last = page.last?.path
            done = page.count < pageSize
            if page.isEmpty { return nil }
        }
    }
}
