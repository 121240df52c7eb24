import SourceToolkit

/// Slack day files decoded on every core through the shared `OrderedDecodePipeline`: the job tag is the
/// conversation's index, the output the day's messages.
enum DayFileDecoding {
    typealias Pipeline = OrderedDecodePipeline<[SlackMessage]>

    static func pipeline(archive: SourceArchive, folders: [String], knownUsers: Set<String>, maxElementBytes: Int) -> Pipeline {
        var jobs = DayFileJobs(archive: archive, folders: folders)
        return Pipeline(archive: archive, nextJob: { try jobs.next() }) {
            { entry, reader in try messages(of: entry, reader: reader, knownUsers: knownUsers, maxElementBytes: maxElementBytes) }
        }
    }

    /// The messages of one day file, each with the string repairs its JSON needed; an element that is
    /// not an object makes the file malformed.
    static func messages(of entry: SourceArchive.Entry, reader: SourceArchive, knownUsers: Set<String>,
                         maxElementBytes: Int) throws -> [SlackMessage] {
        var messages: [SlackMessage] = []
        try SlackJSONDecoding.forEachElement(in: entry, reader: reader, maxElementBytes: maxElementBytes,
                                             skipping: SlackMessage.skipping(knownUsers: knownUsers)) { element, repairs, index in
            guard let message = SlackMessage(json: element, knownUsers: knownUsers, jsonRepairs: repairs) else {
                throw SlackJSONDecoding.wrongShape(entry, reader: reader, expected: "an object", index: index)
            }
            messages.append(message)
        }
        return messages
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
