import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit

/// Reads a HipChat Server/Data Center export (layouts A and B) or a legacy HipChat.com export
/// (layout C) — folder, zip, tar, tar.gz or `openssl enc` encrypted tar.gz — into the staging store.
/// One pass over the export (at `init`) for users, rooms, emoticons, files and histories; the histories
/// are staged afterwards (in `stageMessages`) from where that pass left them.
public final class HipChatReader: SourceReader {
    public var sourceName: String { "hipchat" }
    public var files: (any SourceFileReader)? { fileStore }

    let input: HipChatInput
    let options: HipChatOptions
    let catalog: HipChatCatalog
    private let fileStore: HipChatFiles
    private let histories: HipChatHistories
    static let teamID = "team"

    /// Opens the export and runs the pass over it. `password` is asked for only if it is encrypted.
    public init(export: URL, options: HipChatOptions, password: () throws -> [UInt8]?) throws {
        input = try HipChatInput(url: export, password: password)
        self.options = options
        fileStore = try HipChatFiles(archive: input.archive)
        histories = HipChatHistories(archive: input.archive)
        catalog = try HipChatCatalog.scan(input, files: fileStore, histories: histories, options: options)
        histories.sortForStaging(rooms: catalog.rooms)
    }

    /// What the export is (for `inspect`).
    public var inputDescription: String { input.kind.description }
    public var layoutDescription: String { catalog.layout?.rawValue ?? "unknown" }
    public var historyFileCount: Int { histories.files.count }
    public var fileCount: Int { fileStore.byPath.count }

    public func stageTeams(into staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: Self.teamID, name: options.teamName, displayName: options.teamDisplayName))
    }

    public func stageUsers(into staging: MigrationStaging) throws {
        for (reason, item) in catalog.skippedEntries { staging.recordSkipped(kind: "export_entry", reason: reason, item: item) }
        for name in catalog.unsafeEntries {
            staging.recordSkipped(kind: "export_entry", reason: "path escapes the export, or macOS metadata; not read", item: name)
        }
        if catalog.otherEntries > 0 {
            staging.recordSkipped(kind: "export_entry", reason: "not part of the HipChat export layout; not read", count: catalog.otherEntries)
        }
        var seen = Set<String>()
        for user in catalog.users {
            guard seen.insert(user.id).inserted else {
                staging.recordSkipped(.users, reason: "user id listed twice in the export; later copy ignored", item: user.id)
                continue
            }
            let parts = user.name.split(separator: " ")
            let handle = user.mentionName.isEmpty ? (user.name.isEmpty ? "user-\(user.id)" : user.name) : user.mentionName
            var profileImage: SourceFile?
            if let avatar = user.avatarPath {
                let relative = "users/\(user.id)/avatars/" + (avatar.split(separator: "/").last.map(String.init) ?? "")
                profileImage = fileStore.file(at: relative).map {
                    SourceFile(id: "avatar-\(user.id)", name: String(relative.split(separator: "/").last!), locator: $0.locator, size: $0.size)
                }
            } else if user.hasInlineAvatar {
                staging.recordChanged(kind: "profile_image", reason: "inline base64 avatar not imported", item: user.id)
            }
            try staging.add(SourceUser(
                id: user.id, username: handle, email: user.email,
                firstName: parts.count > 1 ? parts.dropLast().joined(separator: " ") : (parts.first.map(String.init)),
                lastName: parts.count > 1 ? String(parts.last!) : nil,
                position: user.title, role: user.isGuest ? .guest : (user.isAdmin ? .admin : .member),
                deletedAt: user.isDeleted ? 1 : nil, isBot: user.isBot, profileImage: profileImage))
        }
    }

    public func stageConversations(into staging: MigrationStaging) throws {
        var seen = Set<String>()
        for room in catalog.rooms {
            guard seen.insert(room.id).inserted else {
                staging.recordSkipped(.channels, reason: "room id listed twice in the export; later copy ignored", item: room.id)
                continue
            }
            if room.privacy != "public" && room.privacy != "private" {
                staging.recordChanged(kind: "channel", reason: "unknown privacy '\(room.privacy)'; made public", item: room.id)
            }
            if room.hasGuestAccess {
                staging.recordChanged(kind: "channel", reason: "guest access URL has no Mattermost equivalent; dropped", item: room.id)
            }
            var members = room.memberIDs + room.participantIDs + room.adminIDs
            if let owner = room.ownerID { members.insert(owner, at: 0) }
            var unique = Set<String>()
            members = members.filter { unique.insert($0).inserted }
            try staging.add(SourceChannel(
                id: Self.roomConversationID(room.id), teamID: Self.teamID, name: room.canonicalName ?? room.name,
                displayName: room.name, isPrivate: room.isPrivate, header: room.topic, createdAt: room.created,
                archivedAt: room.isArchived || room.isDeleted ? max(room.created ?? 1, 1) : nil,
                memberIDs: members, adminIDs: room.adminIDs + (room.ownerID.map { [$0] } ?? [])))
        }
    }

    public func stageEmoji(into staging: MigrationStaging) throws {
        var seen = Set<String>()
        for emoticon in catalog.emoticons {
            guard let stored = fileStore.file(at: emoticon.imagePath) else {
                staging.recordSkipped(kind: "emoji", reason: "emoticon image missing from the export", item: "(\(emoticon.shortcut)) \(emoticon.imagePath)")
                continue
            }
            let name = Self.emojiName(emoticon.shortcut)
            guard seen.insert(name).inserted else {
                staging.recordSkipped(kind: "emoji", reason: "emoticon shortcut listed twice; later copy ignored", item: emoticon.shortcut)
                continue
            }
            let fileName = String(emoticon.imagePath.split(separator: "/").last ?? "emoji")
            staging.add(SourceEmoji(name: name, image: SourceFile(id: "emoticon-" + name, name: fileName,
                                                                  locator: stored.locator, size: stored.size)))
        }
    }

    public func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws {
        let converter = HipChatMessageConverter(reader: self, staging: staging, files: fileStore)
        let name = input.url.lastPathComponent
        let decoded = HipChatHistoryDecoding.start(histories, maxElementBytes: options.maxJSONElementBytes)
        defer { decoded.cancel() }
        var index = 0
        while let batch = try decoded.next() {
            let file = histories.files[batch.file]
            if index == 0 { progress?("reading histories", batch.file + 1, histories.files.count) }
            for element in batch.elements {
                index += 1
                try converter.convert(element, context: file.context, file: file.relative, index: index)
            }
            if let error = batch.failure {
                guard options.lenient else { throw HipChatError("\(name): \(file.relative): \(error.reason) at byte \(error.offset)") }
                staging.recordSkipped(kind: "history_file", reason: "malformed JSON (\(error.reason)); rest of the file skipped",
                                      item: "\(file.relative) byte \(error.offset)")
            }
            if batch.isLast { index = 0 }
            decoded.giveBack(consume batch)
        }
        // The producer has ended (`next()` gave nil), so nothing reads the spool any more.
        histories.release()
        converter.finish()
    }

    static func roomConversationID(_ id: String) -> String { "room:" + id }

    /// Emoticon shortcuts as Mattermost emoji names: lower case, `[a-z0-9_-]`.
    static func emojiName(_ shortcut: String) -> String {
        let cleaned = String(shortcut.lowercased().unicodeScalars.map { scalar -> Character in
            (scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")) ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "emoticon" : cleaned
    }
}
