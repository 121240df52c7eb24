import Foundation
import MigrationCore
import SourceToolkit

/// Reads every conversation of a `PidginLogSet`, file by file, and says what each line becomes: a
/// message (author resolved, duplicates of another person's copy dropped) or a skip with its reason
/// and place. `convert` stages what it hears; `inspect` counts it — one reading for both.
struct PidginWalker {
    enum Event {
        case message(SourceMessage, kind: PidginRecord.Kind)
        /// An input line that is not posted (counted as a message in, so totals balance).
        case skippedLine(reason: String, item: String, conversation: String?)
        case skippedFile(reason: String, item: String)
        case changed(kind: String, reason: String, item: String)
        /// A file was read (for progress): files done so far.
        case fileDone(Int)
    }

    enum SkipReason {
        static let system = "system line (status, join/leave, topic or other client notice)"
        static let error = "error line (the client's own error notice, not a message)"
        static let raw = "raw line without a sender"
        static let whisper = "whisper (a private message inside a room): left out so it stays private"
        static let systemLog = "account system log line (sign-on/off history)"
        static let duplicate = "duplicate: the same message is in another account's log of this conversation"
        static let unknown = "unknown line (no Pidgin record of any known kind, or a stamp that is no real time)"
        static let empty = "empty message"
        static let beforeSince = "before --since"
    }

    let set: PidginLogSet
    let roots: [URL]
    let identities: PidginIdentities
    let options: PidginOptions

    func walk(_ emit: (Event) throws -> Void) throws {
        var filesDone = 0
        var duplicates = PidginDuplicateFilter()
        for conversation in set.conversations {
            duplicates.reset()
            // A copy is one account's log in one tree; only a conversation with two copies can hold duplicates.
            var copies: [String: Int] = [:]
            let copyOf = conversation.folders.map { folder in
                let key = "\(folder.root)/\(PidginIdentities.normalized(folder.account))"
                if copies[key] == nil { copies[key] = copies.count }
                return copies[key]!
            }
            duplicates.isActive = copies.count > 1
            for (folder, copy) in zip(conversation.folders, copyOf) {
                let archive = set.archives[folder.root]
                let rootName = PidginLogSet.displayName(roots, folder.root)
                var pages = FolderPages(archive: archive, folder: folder.path) { !$0.contains("/") }
                while let entry = try pages.next() {
                    let fileName = PidginLogFolder.decode(entry.path.split(separator: "/").last ?? "")
                    guard let name = PidginFileName.parse(fileName) else { continue }  // reported by discovery
                    let item = "\(rootName)/\(entry.path)"
                    var context = FileContext(conversation: conversation, folder: folder, identities: identities, item: item, copy: copy)
                    if name.offsetSeconds == nil && options.timeZone == nil {
                        try emit(.changed(kind: "log_file", reason: "file name has no UTC offset and no --timezone was given; times read as UTC", item: item))
                    }
                    let file = PidginLogFile(name: name, forcedDateOrder: options.dateOrder, defaultZone: options.timeZone)
                    do {
                        try file.read(entry, of: archive, knownNames: { context.participants.knownNames }) { event in
                            try handle(event, &context, &duplicates, emit)
                        }
                    } catch let error as PidginSourceError {
                        throw error
                    } catch {
                        guard options.lenient else { throw PidginSourceError.unreadableFile(file: item, detail: "\(error)") }
                        try emit(.skippedFile(reason: "unreadable log file (lines before the failure were kept)", item: "\(item): \(error)"))
                    }
                    filesDone += 1
                    try emit(.fileDone(filesDone))
                }
            }
        }
    }

    /// One file's reading state.
    private struct FileContext {
        let conversation: PidginConversation
        let item: String
        let copy: Int
        var participants: PidginParticipants

        init(conversation: PidginConversation, folder: PidginLogFolder, identities: PidginIdentities, item: String, copy: Int) {
            self.conversation = conversation
            self.item = item
            self.copy = copy
            participants = PidginParticipants(conversation: conversation.kind, folder: folder, identities: identities)
        }
    }

    private func handle(_ event: PidginLogFile.Event, _ context: inout FileContext, _ duplicates: inout PidginDuplicateFilter,
                        _ emit: (Event) throws -> Void) throws {
        let conversationID = context.conversation.kind == .system ? nil : context.conversation.key
        switch event {
        case .changed(let reason, let line):
            try emit(.changed(kind: "log_file", reason: reason, item: "\(context.item):\(line)"))
        case .unknownLine(let line, let offset, let text):
            guard options.lenient else {
                throw PidginSourceError.unknownLine(file: context.item, line: line, offset: offset, text: text)
            }
            try emit(.skippedLine(reason: SkipReason.unknown, item: "\(context.item):\(line) (byte \(offset))", conversation: conversationID))
        case .record(let record, let time):
            let place = "\(context.item):\(record.line)"
            if context.conversation.kind == .system {
                return try emit(.skippedLine(reason: SkipReason.systemLog, item: place, conversation: nil))
            }
            let reason: String? = switch record.kind {
            case .system, .systemLog: SkipReason.system
            case .error: SkipReason.error
            case .raw: SkipReason.raw
            case .whisper: SkipReason.whisper
            case .message, .action, .autoReply: nil
            }
            if let reason { return try emit(.skippedLine(reason: reason, item: place, conversation: conversationID)) }
            if let since = options.since, time < since {
                return try emit(.skippedLine(reason: SkipReason.beforeSince, item: place, conversation: conversationID))
            }
            var text = record.text
            for image in record.images {
                try emit(.changed(kind: "message", reason: "inline image (saved next to the log) not attached; its name is kept in the text", item: "\(place) \(image)"))
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return try emit(.skippedLine(reason: SkipReason.empty, item: place, conversation: conversationID))
            }
            let author: String
            switch context.participants.author(of: record) {
            case .known(let id): author = id
            case .guessed(let id):
                author = id
                try emit(.changed(kind: "message", reason: "sender name matches neither side of the IM (TXT logs do not say who sent a line); attributed by elimination (map the name with --user-map)",
                                  item: "\(place) \(record.sender ?? "") → \(id)"))
            }
            if duplicates.isDuplicate(sender: context.participants.duplicateKey(of: record, author: author), text: text, time: time, copy: context.copy) {
                return try emit(.skippedLine(reason: SkipReason.duplicate, item: place, conversation: conversationID))
            }
            var postType: String?
            switch record.kind {
            case .action: postType = "me"
            case .autoReply: text = "_(auto-reply)_ " + text
            default: break
            }
            try emit(.message(SourceMessage(id: "\(context.copy):\(context.item):\(record.line):\(record.offset)", conversationID: context.conversation.key,
                                            authorID: author, text: text, createdAt: time, postType: postType), kind: record.kind))
        }
    }
}
