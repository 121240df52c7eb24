/// Finds, in one pass over an export's file paths, the single wrapper folder to strip (`"export/"`): no
/// root marker at the root, every file under the first file's top folder `X/`, and `X/` holds a marker.
/// One pass with no list kept, so exports of any size are checked in flat memory.
struct WrapperFolderDetector {
    private let rootMarkers: Set<String>
    private var candidate: String?
    private var sawAnyPath = false
    private var markerAtRoot = false
    private var allUnderCandidate = true
    private var markerUnderCandidate = false

    init(rootMarkers: [String]) {
        self.rootMarkers = Set(rootMarkers)
    }

    mutating func observe(_ path: String) {
        if rootMarkers.isEmpty { return }
        if !sawAnyPath {
            sawAnyPath = true
            candidate = path.firstIndex(of: "/").map { String(path[...$0]) }
        }
        if rootMarkers.contains(path) { markerAtRoot = true }
        guard let candidate, allUnderCandidate else { return }
        if path.utf8.starts(with: candidate.utf8) {
            let rest = String(decoding: path.utf8.dropFirst(candidate.utf8.count), as: UTF8.self)
            if rootMarkers.contains(rest) { markerUnderCandidate = true }
        } else {
            allUnderCandidate = false
        }
    }

    /// The folder to strip, or `""`.
    var prefix: String {
        guard let candidate, !markerAtRoot, allUnderCandidate, markerUnderCandidate else { return "" }
        return candidate
    }
}
