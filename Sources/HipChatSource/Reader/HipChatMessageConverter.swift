import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit

/// Turns history elements into staged messages. Each wrapper (`UserMessage`, `PrivateUserMessage`,
/// `NotificationMessage`, `TopicRoomMessage`, `ArchiveRoomMessage`, `GuestAccessMessage`, layout C's bare
/// messages) becomes a post, a system post, or a reported skip. Private messages are stored once per
/// participant in the export; the second copy (same id) is dropped and counted.
final class HipChatMessageConverter {
    enum Context {
        case room(id: String)
        case user(id: String)
        case legacyRoom(name: String)
    }

    private let staging: MigrationStaging
    private let files: HipChatFiles
    private let options: HipChatOptions
    private let text: HipChatText
    private let botOwnerID: String?
    private let legacyRoomIDs: [String: String]
    /// Stable hashes of private message ids already staged (8 bytes per PM, not the ids): the same in
    /// every run, so even a collision would drop the same message each time (and count it).
    private var seenPrivate = Set<UInt64>()
    private var duplicates = 0
    private var bots: [String: String] = [:]

    init(reader: HipChatReader, staging: MigrationStaging, files: HipChatFiles) {
        self.staging = staging
        self.files = files
        options = reader.options
        let catalog = reader.catalog
        var mentions: [String: String] = [:]
        for user in catalog.users where !user.mentionName.isEmpty && mentions[user.mentionName.lowercased()] == nil {
            mentions[user.mentionName.lowercased()] = user.id
        }
        var emoji: [String: String] = [:]
        for emoticon in catalog.emoticons where files.file(at: emoticon.imagePath) != nil {
            emoji[emoticon.shortcut] = HipChatReader.emojiName(emoticon.shortcut)
        }
        text = HipChatText(mentionIDs: mentions, emoji: emoji, names: StagingNameResolver(staging: staging))
        botOwnerID = catalog.users.first { $0.isAdmin && !$0.isDeleted && !$0.isGuest && !$0.isBot }?.id
        var legacy: [String: String] = [:]
        for room in catalog.rooms where legacy[room.name] == nil { legacy[room.name] = room.id }
        legacyRoomIDs = legacy
    }

    func finish() {
        if duplicates > 0 {
            staging.recordChanged(kind: "message", reason: "private message stored once per participant; the second copy (same id) dropped",
                                  count: duplicates)
        }
    }

    /// Converts element number `index` of history file `file` (named in skips as `file#index`).
    func convert(_ element: JSONValue, context: Context, file: String, index: Int) throws {
        // Built only when a skip needs it: most messages never do.
        var item: String { "\(file)#\(index)" }
        let kind: String
        let message: JSONValue
        if case .legacyRoom = context {
            kind = "LegacyMessage"
            message = element
        } else {
            guard case .object(let wrapper) = element, wrapper.members.count == 1 else {
                return staging.recordSkipped(.messages, reason: "not a one-key message wrapper", item: item)
            }
            kind = wrapper.members[0].key
            message = wrapper.members[0].value
        }
        guard case .object = message else {
            return staging.recordSkipped(.messages, reason: "\(kind) is not an object", item: item)
        }
        switch (kind, context) {
        case ("UserMessage", .room), ("NotificationMessage", .room), ("TopicRoomMessage", .room),
             ("ArchiveRoomMessage", .room), ("GuestAccessMessage", .room), ("PrivateUserMessage", .user),
             ("LegacyMessage", .legacyRoom):
            break
        default:
            return staging.recordSkipped(.messages, reason: "message type \(kind) not converted here", item: item)
        }
        guard let stamp = (message["timestamp"] ?? message["date"])?.lenientString, let createdAt = HipChatTimestamp.milliseconds(stamp) else {
            return staging.recordSkipped(.messages, reason: "no valid timestamp", item: item)
        }
        if message["deleted"]?.boolValue == true {
            return staging.recordSkipped(.messages, reason: "deleted in HipChat", item: item)
        }
        if let since = options.since, createdAt < since {
            return staging.recordSkipped(.messages, reason: "before --since", item: item)
        }
        let sender = message["sender"] ?? message["from"]
        let id = message["id"]?.lenientString ?? item

        let conversationID: String
        switch context {
        case .room(let roomID):
            conversationID = try room(roomID)
        case .legacyRoom(let name):
            conversationID = try room(legacyRoomIDs[name] ?? name)
        case .user(let ownerID):
            guard let senderID = sender.flatMap(Self.userID) else {
                return staging.recordSkipped(.messages, reason: "private message without a sender id", item: item)
            }
            let receiverID = message["receiver"].flatMap(HipChatRoom.userID) ?? (senderID == ownerID ? nil : ownerID)
            guard let receiverID else {
                return staging.recordSkipped(.messages, reason: "private message without a receiver", item: item)
            }
            let key = message["id"]?.lenientString ?? "\(senderID)|\(receiverID)|\(stamp)|\(message["message"]?.stringValue ?? "")"
            guard seenPrivate.insert(StableHash.of(key)).inserted else {
                duplicates += 1
                return
            }
            conversationID = try direct(senderID, receiverID)
        }

        let author: String
        if kind == "NotificationMessage" {
            author = bot(for: sender)
        } else if let senderID = sender.flatMap(Self.userID), senderID != "0" {
            author = senderID
        } else {
            return staging.recordSkipped(.messages, reason: "\(kind) without a sender", item: item, conversation: conversationID)
        }

        let body = message["message"]?.stringValue ?? ""
        var postType: String?
        var props: JSONObject?
        var converted: String
        let username = { self.staging.resolveUsername(forUserID: author) }
        switch kind {
        case "TopicRoomMessage":
            let topic = message["topic"]?.stringValue ?? body
            postType = "system_header_change"
            props = JSONObject([("new_header", .string(topic))])
            converted = topic.isEmpty ? "@\(username()) removed the channel header." : "@\(username()) updated the channel header to: \(topic)"
        case "ArchiveRoomMessage":
            postType = "system_generic"
            converted = body.isEmpty ? "@\(username()) archived the room." : "@\(username()): \(text.inline(body))"
        case "GuestAccessMessage":
            postType = "system_generic"
            converted = body.isEmpty ? "@\(username()) changed the room's guest access." : "@\(username()): \(text.inline(body))"
        default:
            let result = text.convert(body, isHTML: message["message_format"]?.stringValue == "html")
            converted = result.text
            postType = result.postType
        }
        let attached = attachments(of: message, context: context, senderID: sender.flatMap(Self.userID), item: item)
        if converted.isBlank && attached.isEmpty {
            return staging.recordSkipped(.messages, reason: "empty message", item: item, conversation: conversationID)
        }
        if kind == "NotificationMessage", let color = message["color"]?.stringValue {
            props = JSONObject([("hipchat_color", .string(color))])
        }
        try staging.add(SourceMessage(id: id, conversationID: conversationID, authorID: author, text: converted,
                                      createdAt: createdAt, postType: postType, props: props, files: attached))
    }

    // MARK: conversations

    private func room(_ roomID: String) throws -> String {
        let id = HipChatReader.roomConversationID(roomID)
        if !staging.hasConversation(id) {
            staging.recordChanged(kind: "channel", reason: "history of a room missing from the room list; channel created", item: roomID)
            try staging.add(SourceChannel(id: id, teamID: HipChatReader.teamID, name: "room-\(roomID)"))
        }
        return id
    }

    private func direct(_ first: String, _ second: String) throws -> String {
        let members = Array(Set([first, second])).sorted()
        let id = "dm:" + members.joined(separator: ":")
        if !staging.hasConversation(id) { try staging.add(SourceDirectConversation(id: id, memberIDs: members)) }
        return id
    }

    // MARK: authors

    /// A user reference: an id (number or string) or an object with `id`; nil for a plain name.
    static func userID(_ value: JSONValue) -> String? {
        if case .string = value { return nil }
        return HipChatRoom.userID(value)
    }

    /// The author of a notification: a listed user, or a bot named after the integration.
    private func bot(for sender: JSONValue?) -> String {
        if let sender, let id = Self.userID(sender), id != "0", staging.hasUser(id) { return id }
        let name = sender?.stringValue ?? sender?["name"]?.stringValue ?? "hipchat-integration"
        if let id = bots[name] { return id }
        let id = "bot:" + name
        bots[name] = id
        try? staging.add(SourceUser(id: id, username: name, nickname: name, isBot: true, botOwnerID: botOwnerID,
                                    botDescription: "HipChat integration \(name)"))
        return id
    }

    // MARK: files

    private func attachments(of message: JSONValue, context: Context, senderID: String?, item: @autoclosure () -> String) -> [SourceFile] {
        let attachment = message["attachment"]
        let path = attachment?["path"]?.stringValue ?? message["attachment_path"]?.stringValue
        guard let path, !path.isEmpty else { return [] }
        let url = attachment?["url"]?.stringValue ?? path
        if options.skipAttachments {
            staging.recordSkipped(.files, reason: "--skip-attachments", item: url)
            return []
        }
        var candidates: [String] = []
        switch context {
        case .room(let roomID): candidates = ["rooms/\(roomID)/files/\(path)", "users/files/\(path)"]
        case .user(let ownerID):
            candidates = ["users/files/\(path)", "users/\(ownerID)/files/\(path)"] + (senderID.map { ["users/\($0)/files/\(path)"] } ?? [])
        case .legacyRoom: candidates = []
        }
        candidates.append(path)
        for candidate in candidates {
            if let stored = files.file(at: candidate) {
                let name = attachment?["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
                    ?? String(candidate.split(separator: "/").last ?? "file")
                return [SourceFile(id: "hc-" + candidate, name: name, locator: stored.locator, size: stored.size)]
            }
        }
        staging.recordSkipped(.files, reason: "attachment missing from the export", item: "\(url) (\(item()))")
        return []
    }
}
