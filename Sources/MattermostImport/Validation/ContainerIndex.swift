/// The files of a package under `data/`, by NFC name, and which of them the JSONL references; built
/// from the zip's central directory so file checks need no extraction.
struct ContainerIndex {
    /// NFC name → original entry name.
    private var dataFiles: [String: String] = [:]
    /// NFC names of files outside `data/`, to say where a missing file was put instead (spec P8).
    private var otherFiles: Set<String> = []
    private var used: Set<String> = []

    enum Resolution: Equatable {
        case escapesDataFolder
        /// `misplaced`: the same path exists outside `data/`.
        case missing(entry: String, misplaced: String?)
        /// `entry`: the zip entry's own name (nil without a container).
        case found(entry: String?)
    }

    mutating func addFile(_ entryName: String) {
        if entryName.hasPrefix(MattermostLimits.dataDirectory + "/") {
            dataFiles[ImportPath.nfc(entryName)] = entryName
        } else {
            otherFiles.insert(ImportPath.nfc(entryName))
        }
    }

    /// Resolves a JSONL path and marks the file as used.
    mutating func resolve(_ path: String) -> Resolution {
        guard let entry = ImportPath.entryName(for: path) else { return .escapesDataFolder }
        let key = ImportPath.nfc(entry)
        guard let original = dataFiles[key] else {
            let outside = String(key.dropFirst(MattermostLimits.dataDirectory.count + 1))
            return .missing(entry: entry, misplaced: otherFiles.contains(outside) ? outside : nil)
        }
        used.insert(key)
        return .found(entry: original)
    }

    /// Files under `data/` that no line references, in name order.
    var unusedFiles: [String] {
        dataFiles.filter { !used.contains($0.key) }.map(\.value).sorted()
    }
}

extension ContainerIndex.Resolution {
    /// "is not in the zip (expected entry …)", with where the file is instead when it is misplaced.
    var missingDescription: String? {
        guard case .missing(let entry, let misplaced) = self else { return nil }
        let hint = misplaced.map { "; it is at \($0) — move it under data/" } ?? ""
        return "is not in the zip (expected entry \(entry))\(hint)"
    }
}
