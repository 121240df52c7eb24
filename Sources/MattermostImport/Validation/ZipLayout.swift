import ZIPFoundation

/// What the zip's central directory says about the package (spec §1.2, §18 stage 1): which entry is
/// the JSONL, which files are under `data/`, and layout problems worth a warning.
struct ZipLayout {
    private(set) var jsonlEntry: Entry?
    private(set) var container = ContainerIndex()
    private var findings: [(id: String, message: String)] = []

    init(archive: Archive) {
        var position = 0
        var earlierNestedJSONL: String?
        for entry in archive {
            defer { position += 1 }
            let name = entry.path
            inspectName(entry, name: name)
            let isRootJSONL = name.hasSuffix(".jsonl") && !name.contains("/") && entry.type == .file
            if isRootJSONL {
                if jsonlEntry == nil {
                    jsonlEntry = entry
                    if position != 0 {
                        findings.append((ImportErrorID.jsonlNotFirst, "\(name) is not the first zip entry; Mattermost's exporter writes it first"))
                    }
                    if let nested = earlierNestedJSONL {
                        findings.append((ImportErrorID.extraJSONL, "\(nested) comes before \(name); servers before 2026 import the first .jsonl anywhere in the zip"))
                    }
                } else {
                    findings.append((ImportErrorID.extraJSONL, "\(name) is a second .jsonl at the root; Mattermost reads only the first"))
                }
            } else if name.hasSuffix(".jsonl"), jsonlEntry == nil, earlierNestedJSONL == nil {
                earlierNestedJSONL = name
            }
            if entry.type == .file, !isRootJSONL { container.addFile(name) }
        }
    }

    private mutating func inspectName(_ entry: Entry, name: String) {
        if name.hasPrefix("__MACOSX/") || name.contains("/__MACOSX/") {
            findings.append((ImportErrorID.macOSMetadata, "\(name) is macOS metadata; re-create the zip without __MACOSX entries"))
        }
        if name.split(separator: "/").contains("..") || name.hasPrefix("/") {
            findings.append((ImportErrorID.unsafeEntryName, "\(name) leaves the archive root (absolute or with ..); Mattermost refuses such names"))
        }
        guard name.utf8.contains(where: { $0 >= 0x80 }) else { return }
        if entry.path(using: .utf8) != name {
            findings.append((ImportErrorID.missingUTF8Flag, "\(name) has a non-ASCII name without the zip UTF-8 flag; Mattermost may not find it"))
        } else if !ImportPath.isNFC(name) {
            findings.append((ImportErrorID.notNFC, "\(name) is not in Unicode NFC form (macOS zips); servers before 2026 will not match it to the JSONL path"))
        }
    }

    func report(into log: inout FindingLog) {
        for finding in findings { log.warning(finding.id, line: 0, finding.message) }
    }
}
