import Foundation
import SourceToolkit

/// Slack day files decoded on every core through the shared `OrderedDecodePipeline`: the job tag is the
/// conversation's index, the output the day's messages.
enum DayFileDecoding {
    typealias Pipeline = OrderedDecodePipeline<[SlackMessage]>

    static func pipeline(archive: SourceArchive, folders: [String], knownUsers: KnownUsers) -> Pipeline {
        let archiveName = archive.url.lastPathComponent
        var jobs = DayFileJobs(archive: archive, folders: folders)
        return Pipeline(archive: archive, nextJob: { try jobs.next() }) {
            let decoder = JSONDecoder()
            decoder.userInfo[.slackKnownUsers] = knownUsers
            return { entry, reader in
                let data = try reader.readAll(entry)
                if data.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return [] }
                do {
                    return try decoder.decode([SlackMessage].self, from: data)
                } catch let error as DecodingError {
                    throw SlackSourceError.malformedJSON(
                        archive: archiveName, entry: entry.storedName,
                        offset: SlackJSONDecoding.syntaxErrorOffset(data), detail: SlackJSONDecoding.describe(error))
                }
            }
        }
    }
}

/// Day files of the conversations in order, listed a page at a time (never all at once, even for a
/// channel with 100,000 days).
struct DayFileJobs {
    let archive: SourceArchive
    let folders: [String]
    private var conversation = -1
    private var files: FolderPages?

    init(archive: SourceArchive, folders: [String]) {
        self.archive = archive
        self.folders = folders
    }

    mutating func next() throws -> DayFileDecoding.Pipeline.Job? {
        while true {
            if let entry = try files?.next() { return .init(tag: conversation, entry: entry) }
            conversation += 1
            guard conversation < folders.count else { return nil }
            files = SlackExportLayout.dayFilePages(archive: archive, folder: folders[conversation])
        }
    }
}
