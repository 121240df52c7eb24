import MigrationCore
import SourceToolkit

/// Turns one mapped row into a staged message: its id, thread, attachments found under the files
/// root (a missing or escaping path is a reported skipped file), reactions; rows before `--since`
/// are reported skips.
struct MessageStager {
    let staging: MigrationStaging
    let fileIndex: Int
    let options: BespokeOptions
    /// `nil` with `--skip-attachments` (the exporter then counts the files as skipped).
    let filesRoot: FilesRoot?

    func stage(_ mapped: MappedRow, row: InputRow) throws {
        let conversation = mapped.conversationID
        if let since = options.since, mapped.createdAt < since {
            staging.recordSkipped(.messages, reason: "before --since", item: "\(row.file): row \(row.row)", conversation: conversation)
            return
        }
        // Without a message id column, the file and row make one that is stable across runs.
        let id = mapped.messageID ?? "\(fileIndex):\(row.row)"
        var files: [SourceFile] = []
        for (number, path) in mapped.attachments.enumerated() {
            let fileID = "f\(fileIndex)-\(row.row)-\(number + 1)"
            guard let root = filesRoot else {
                files.append(SourceFile(id: fileID, name: path, locator: path))
                continue
            }
            switch root.locate(path, id: fileID) {
            case .success(let file): files.append(file)
            case .failure(let refusal):
                staging.recordSkipped(.files, reason: refusal.rawValue, item: "\(row.file): row \(row.row): \(path)")
            }
        }
        let parent = mapped.threadParentID.flatMap { $0 == id ? nil : $0 }
        try staging.add(SourceMessage(id: id, conversationID: conversation, authorID: mapped.author, text: mapped.text,
                                      createdAt: mapped.createdAt, threadRootID: parent, editedAt: mapped.editedAt,
                                      reactions: mapped.reactions, files: files))
    }
}
