/// The files of a package under `data/`, by NFC name, and which of them the JSONL references; built
/// from the zip's central directory so file checks need no extraction.
struct ContainerIndex {
    /// NFC name → original entry name.
    private var dataFiles: [String: String] = [:]
    private var used: Set<String> = []

    enum Resolution: Equatable {
        case escapesDataFolder
        case missing(entry: String)
        case found
    }

    mutating func addDataFile(_ entryName: String) {
        dataFiles[ImportPath.nfc(entryName)] = entryName
    }

    /// Resolves a JSONL path and marks the file as used.
    mutating func resolve(_ path: String) -> Resolution {
        guard let entry = ImportPath.entryName(for: path) else { return .escapesDataFolder }
        let key = ImportPath.nfc(entry)
        guard dataFiles[key] != nil else { return .missing(entry: entry) }
        used.insert(key)
        return .found
    }

    /// Files under `data/` that no line references, in name order.
    var unusedFiles: [String] {
        dataFiles.filter { !used.contains($0.key) }.map(\.value).sorted()
    }
}
