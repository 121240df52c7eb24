import Foundation
import SourceToolkit

/// The log trees given (one `~/.purple/logs` per person), opened and grouped into conversations: every
/// folder that holds the same conversation — the same buddy pair or the same room, from whichever
/// account and tree — is one `PidginConversation`, so two people's logs of one chat are merged.
/// Discovery walks each tree's listing a page at a time (`FolderPages`) and keeps only the folders.
struct PidginLogSet {
    let archives: [SourceArchive]
    /// Sorted by key: the reading order, the same every run.
    private(set) var conversations: [PidginConversation] = []
    /// Users of the logging accounts and IM buddies, in order of first appearance.
    private(set) var userIDs: [String] = []
    /// Log files found (for progress).
    private(set) var fileCount = 0

    /// Opens the trees and groups their folders; `skippedFile` hears every file that is no log.
    init(roots: [URL], identities: PidginIdentities, skippedFile: (_ item: String, _ reason: String) -> Void) throws {
        archives = try roots.map { try SourceArchive(url: $0, rootMarkers: []) }
        var byKey: [String: PidginConversation] = [:]
        var seenUsers = Set<String>()
        for (root, archive) in archives.enumerated() {
            let name = Self.displayName(roots, root)
            try archive.forEachSkippedEntry { skippedFile("\(name)/\($0.storedName)", $0.reason.rawValue) }
            var pages = FolderPages(archive: archive, folder: "")
            var last: PidginLogFolder?
            while let entry = try pages.next() {
                guard let found = PidginLogFolder.of(logPath: entry.path, root: root) else {
                    skippedFile("\(name)/\(entry.path)", "not in the <protocol>/<account>/<buddy or room>/ layout of Pidgin logs")
                    continue
                }
                let folder = found.folder
                guard PidginFileName.parse(PidginLogFolder.decode(found.fileName)) != nil else {
                    skippedFile("\(name)/\(entry.path)", Self.whyNotALog(found.fileName))
                    continue
                }
                fileCount += 1
                if folder == last { continue }  // a folder's files are listed together
                last = folder
                let conversation = PidginConversation(folder: folder, identities: identities)
                byKey[conversation.key, default: conversation].folders.append(folder)
                for id in [identities.account(folder.account)] + conversation.memberIDs where seenUsers.insert(id).inserted {
                    userIDs.append(id)
                }
            }
        }
        conversations = byKey.values.sorted { $0.key < $1.key }
        for index in conversations.indices {
            conversations[index].folders.sort { ($0.root, $0.path) < ($1.root, $1.path) }
        }
    }

    /// How a tree is named in reports: its folder name, with its position when several share it.
    static func displayName(_ roots: [URL], _ index: Int) -> String {
        let name = roots[index].lastPathComponent
        return roots.filter { $0.lastPathComponent == name }.count > 1 ? "\(name)#\(index + 1)" : name
    }

    private static func whyNotALog(_ fileName: Substring) -> String {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".log") { return "old Gaim flat log (one .log per buddy) is not read; open and re-save it with Gaim 2 or convert it to the dated format" }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".txt") {
            return "log file name is not <YYYY-MM-DD.HHMMSS…> (its start date is unknown)"
        }
        return "not a log file (an inline image or another file next to the logs)"
    }
}

/// One conversation of the merged trees: an IM pair, a room or an account's system log.
struct PidginConversation {
    enum Kind: Equatable { case im(owner: String, buddy: String), chat(room: String), system }

    /// `im:<user>|<user>` (sorted pair), `chat:<room>` or `system:<root>/<folder>`: the staging id.
    var key: String
    var kind: Kind
    var folders: [PidginLogFolder] = []

    init(folder: PidginLogFolder, identities: PidginIdentities) {
        switch folder.kind {
        case .im:
            let owner = identities.account(folder.account), buddy = identities.buddy(folder.target)
            kind = .im(owner: owner, buddy: buddy)
            key = "im:" + [owner, buddy].sorted().joined(separator: "|")
        case .chat:
            // A room JID is global; an IRC channel is only unique on its server (the account's host).
            var room = folder.target.lowercased()
            if !room.contains("@"), let host = folder.account.split(separator: "@").last, folder.account.contains("@") {
                room += "@" + host.lowercased()
            }
            kind = .chat(room: room)
            key = "chat:" + room
        case .system:
            kind = .system
            key = "system:\(folder.root)/\(folder.path)"
        }
    }

    /// The users a conversation names by itself: the IM's two people (rooms list only their loggers).
    var memberIDs: [String] {
        if case .im(let owner, let buddy) = kind { return owner == buddy ? [owner] : [owner, buddy] }
        return []
    }
}
