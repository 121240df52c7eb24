import MattermostImport
import MigrationCore

/// What the one pass over the export finds: users, rooms, emoticons, the layout, and the files and
/// history files (both copied to encrypted spools when the export is a stream). Histories are staged
/// after the pass, from `HipChatHistories`, because users and rooms must be staged first and a tar
/// stream puts them wherever its creator did.
struct HipChatCatalog {
    enum Layout: String { case export = "A/B (users.json, rooms.json)", legacy = "C (legacy HipChat.com: users/list.json, rooms/list.json)" }

    var users: [HipChatUser] = []
    var rooms: [HipChatRoom] = []
    var emoticons: [HipChatEmoticon] = []
    var sawUsersList = false
    var sawRoomsList = false
    var sawLegacyLists = false
    var unsafeEntries: [String] = []
    var otherEntries = 0
    /// Problems that `--lenient` turned into skips, recorded on the staging store later.
    var skippedEntries: [(reason: String, item: String)] = []

    var layout: Layout? {
        if sawUsersList || sawRoomsList { return .export }
        if sawLegacyLists { return .legacy }
        return nil
    }

    static let maxDocumentBytes = 64 << 20

    /// Reads the metadata of `input` in one pass, registering every file with `files` and every history
    /// file with `histories`.
    static func scan(_ input: HipChatInput, files: HipChatFiles, histories: HipChatHistories, options: HipChatOptions) throws -> HipChatCatalog {
        var catalog = HipChatCatalog()
        let name = input.url.lastPathComponent
        try input.forEachEntry(select: { path, size in
            let relative = HipChatPaths.relative(path)
            func failure(_ error: JSONParseError) throws {
                if options.lenient {
                    catalog.skippedEntries.append(("malformed JSON (\(error.reason) at byte \(error.offset)); file skipped", relative))
                } else {
                    throw HipChatError("\(name): \(relative): \(error.reason) at byte \(error.offset)")
                }
            }
            switch HipChatPaths.role(of: relative) {
            case .users:
                catalog.sawUsersList = true
                return HipChatJSONEntry.arrayElements(maxElementBytes: options.maxJSONElementBytes, failure: failure) { element in
                    if let user = HipChatUser(element) { catalog.users.append(user) } else {
                        catalog.skippedEntries.append(("user without an id", relative))
                    }
                }
            case .rooms:
                catalog.sawRoomsList = true
                return HipChatJSONEntry.arrayElements(maxElementBytes: options.maxJSONElementBytes, failure: failure) { element in
                    if let room = HipChatRoom(element) { catalog.rooms.append(room) } else {
                        catalog.skippedEntries.append(("room without an id", relative))
                    }
                }
            case .emoticons:
                return HipChatJSONEntry.document(maxBytes: maxDocumentBytes, failure: failure) { catalog.emoticons = HipChatEmoticon.list($0) }
            case .legacyUsers:
                catalog.sawLegacyLists = true
                return HipChatJSONEntry.document(maxBytes: maxDocumentBytes, failure: failure) { document in
                    catalog.users += (document["users"]?.arrayValue ?? []).compactMap(HipChatUser.init)
                }
            case .legacyRooms:
                catalog.sawLegacyLists = true
                return HipChatJSONEntry.document(maxBytes: maxDocumentBytes, failure: failure) { document in
                    catalog.rooms += (document["rooms"]?.arrayValue ?? []).compactMap(HipChatRoom.init)
                }
            case .roomHistory(let roomID):
                return try histories.register(relative: relative, archivePath: path, context: .room(id: roomID))
            case .userHistory(let userID):
                return try histories.register(relative: relative, archivePath: path, context: .user(id: userID))
            case .legacyDay(let roomName):
                return try histories.register(relative: relative, archivePath: path, context: .legacyRoom(name: roomName))
            case .file:
                return options.skipAttachments && !relative.hasPrefix("emoticons/") && !relative.hasPrefix("files/img/emoticons/")
                    ? nil : files.register(relative: relative, archivePath: path, size: size)
            case .metadata:
                return nil
            case .other:
                catalog.otherEntries += 1
                return nil
            }
        }, unsafe: { catalog.unsafeEntries.append($0) })
        guard catalog.layout != nil else {
            throw HipChatError("\(name): wrong password or not a HipChat export (no users.json or rooms.json inside)")
        }
        return catalog
    }
}
