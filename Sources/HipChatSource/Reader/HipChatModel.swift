import MattermostImport
import SourceToolkit

/// A user of `users.json` (`{"User": {…}}`, layouts A and B) or `users/list.json` (layout C).
struct HipChatUser: Equatable {
    var id: String
    var name: String
    var mentionName: String
    var email: String?
    var isGuest: Bool
    var isAdmin: Bool
    var isDeleted: Bool
    var isBot: Bool
    var title: String?
    var timezone: String?
    /// Layout B: `/users/<id>/<file>`, the image being at `users/<id>/avatars/<file>`.
    var avatarPath: String?
    /// Layout A: an inline base64 picture (not imported; counted).
    var hasInlineAvatar: Bool

    init?(_ element: JSONValue) {
        let object = element["User"] ?? element
        guard let id = (object["id"] ?? object["user_id"])?.lenientString, !id.isEmpty else { return nil }
        self.id = id
        name = object["name"]?.stringValue ?? ""
        mentionName = object["mention_name"]?.stringValue ?? ""
        email = object["email"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let accountType = object["account_type"]?.stringValue ?? ""
        let roles = object["roles"]?.stringArray ?? []
        isGuest = accountType == "guest" || roles.contains("guest")
        isAdmin = accountType == "admin" || roles.contains("admin") || roles.contains("owner")
        isDeleted = object["is_deleted"]?.boolValue ?? false
        isBot = object["is_bot"]?.boolValue ?? false
        title = object["title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        timezone = object["timezone"]?.stringValue
        let avatar = object["avatar"]?.stringValue ?? ""
        avatarPath = avatar.hasPrefix("/users/") ? avatar : nil
        hasInlineAvatar = !avatar.isEmpty && avatarPath == nil
    }
}

/// A room of `rooms.json` (`{"Room": {…}}`, layouts A and B) or `rooms/list.json` (layout C).
struct HipChatRoom: Equatable {
    var id: String
    var name: String
    /// Layout B's `canonical_name`, preferred as the channel name.
    var canonicalName: String?
    var topic: String?
    var isPrivate: Bool
    var privacy: String
    var isArchived: Bool
    var isDeleted: Bool
    var ownerID: String?
    var memberIDs: [String]
    var participantIDs: [String]
    var adminIDs: [String]
    var created: Int64?
    var hasGuestAccess: Bool

    init?(_ element: JSONValue) {
        let object = element["Room"] ?? element
        guard let id = (object["id"] ?? object["room_id"])?.lenientString, !id.isEmpty else { return nil }
        self.id = id
        name = object["name"]?.stringValue ?? "room-\(id)"
        canonicalName = object["canonical_name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        topic = object["topic"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        privacy = object["privacy"]?.stringValue ?? "public"
        isPrivate = privacy == "private"
        isArchived = object["is_archived"]?.boolValue ?? false
        isDeleted = object["is_deleted"]?.boolValue ?? false
        ownerID = (object["owner"] ?? object["owner_user_id"]).flatMap(Self.userID)
        memberIDs = Self.userIDs(object["members"])
        participantIDs = Self.userIDs(object["participants"])
        adminIDs = Self.userIDs(object["room_admins"])
        created = object["created"].flatMap { value in
            value.stringValue.flatMap(HipChatTimestamp.milliseconds) ?? value.lenientInt64.map { $0 * 1000 }
        }
        hasGuestAccess = object["guest_access_url"]?.stringValue != nil
    }

    /// A user reference: an id (number or string) or an object with `id`.
    static func userID(_ value: JSONValue) -> String? {
        if case .object = value { return (value["id"] ?? value["user_id"])?.lenientString }
        return value.lenientString
    }

    /// Member lists come as ids or as `{id, …}` objects (migratemost accepts both).
    static func userIDs(_ value: JSONValue?) -> [String] {
        guard case .array(let elements)? = value else { return [] }
        return elements.compactMap(userID)
    }
}

/// A custom emoticon: `(shortcut)` in texts, an image in the export.
struct HipChatEmoticon: Equatable {
    var shortcut: String
    /// The image's path relative to the export root.
    var imagePath: String

    /// Layout A: `[{"Emoticon": {"shortcut", "path": "emoticons/x.png"}}]`; layout B:
    /// `{"Emoticons": [{"shortcut", "path": "<id>/<file>"}]}` with images under `files/img/emoticons/`.
    static func list(_ document: JSONValue) -> [HipChatEmoticon] {
        if case .array(let elements) = document {
            return elements.compactMap { element in
                let object = element["Emoticon"] ?? element
                guard let shortcut = object["shortcut"]?.stringValue, let path = object["path"]?.stringValue else { return nil }
                return HipChatEmoticon(shortcut: shortcut, imagePath: path)
            }
        }
        guard case .array(let elements)? = document["Emoticons"] else { return [] }
        return elements.compactMap { object in
            guard let shortcut = object["shortcut"]?.stringValue, let path = object["path"]?.stringValue else { return nil }
            return HipChatEmoticon(shortcut: shortcut, imagePath: "files/img/emoticons/" + path)
        }
    }
}
