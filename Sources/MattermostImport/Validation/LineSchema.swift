/// The JSON type of every field Mattermost decodes (spec §3–§12, newest types T1). Go decodes a whole
/// line into typed structs, so a value of the wrong type anywhere in a known field fails the line with
/// `json_decode.error`, even in fields no rule looks at; unknown keys are ignored.
indirect enum FieldType: Sendable {
    case string, int, bool, any
    /// A JSON object with free-form members (`props`).
    case anyObject
    case object(ObjectSchema)
    case array(FieldType)

    var name: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .bool: "a boolean (true/false)"
        case .any: "any value"
        case .anyObject, .object: "an object"
        case .array: "an array"
        }
    }
}

final class ObjectSchema: Sendable {
    let fields: [String: FieldType]
    /// The same fields as parallel lists scanned by byte length first: a handful of integer compares
    /// beat hashing every key of every line with SipHash (and plain arrays avoid retain traffic).
    private let lengths: [Int]
    private let keys: [String]
    private let types: [FieldType]

    init(_ fields: [String: FieldType]) {
        self.fields = fields
        let sorted = fields.sorted { $0.key < $1.key }
        self.lengths = sorted.map { $0.key.utf8.count }
        self.keys = sorted.map(\.key)
        self.types = sorted.map(\.value)
    }

    /// The type of a field spelled exactly (canonically).
    func type(ofExact key: String) -> FieldType? {
        let length = key.utf8.count
        for i in lengths.indices where lengths[i] == length && keys[i] == key { return types[i] }
        return nil
    }

}

enum LineSchema {
    private static func strings(_ names: String...) -> [String: FieldType] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, FieldType.string) })
    }
    private static func ints(_ names: String...) -> [String: FieldType] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, FieldType.int) })
    }
    private static func merge(_ parts: [String: FieldType]...) -> ObjectSchema {
        ObjectSchema(parts.reduce(into: [:]) { $0.merge($1) { _, new in new } })
    }

    static let role = merge(strings("name", "display_name", "description"),
                            ["permissions": .array(.string), "scheme_managed": .bool])
    static let scheme = merge(strings("name", "display_name", "description", "scope"),
                              ["default_team_admin_role": .object(role), "default_team_user_role": .object(role),
                               "default_team_guest_role": .object(role), "default_channel_admin_role": .object(role),
                               "default_channel_user_role": .object(role), "default_channel_guest_role": .object(role)])
    static let team = merge(strings("name", "display_name", "type", "description", "scheme"), ["allow_open_invite": .bool])
    static let channel = merge(strings("team", "name", "display_name", "type", "header", "purpose", "scheme"), ints("deleted_at"))

    static let userChannel = merge(strings("name", "roles"),
                                   ["notify_props": .object(ObjectSchema(strings("desktop", "mobile", "mark_unread"))),
                                    "favorite": .bool],
                                   ints("mention_count", "mention_count_root", "urgend_mention_count", "msg_count",
                                        "msg_count_root", "last_viewed_at"))
    static let userTeam = merge(strings("name", "roles", "theme"), ["channels": .array(.object(userChannel))])
    static let user = merge(
        strings("profile_image", "username", "email", "auth_service", "auth_data", "password", "nickname", "first_name",
                "last_name", "position", "roles", "locale", "theme", "military_time", "link_previews", "message_display",
                "collapse_consecutive_messages", "colorize_usernames", "channel_display_mode", "tutorial_step",
                "send_on_ctrl_enter", "code_block_ctrl_enter", "show_join_leave", "show_unread_scroll_position",
                "sync_drafts", "limit_visible_dms_gms", "name_format", "feature_enabled_markdown_preview", "formatting",
                "show_unread_section", "email_interval"),
        ints("delete_at"),
        ["teams": .array(.object(userTeam)),
         "notify_props": .object(ObjectSchema(strings("desktop", "desktop_sound", "email", "mobile", "mobile_push_status",
                                                      "channel", "comments", "mention_keys"))),
         "custom_status": .object(ObjectSchema(strings("emoji", "text", "duration", "expires_at")))])
    static let bot = merge(strings("profile_image", "username", "display_name", "owner", "description"), ints("delete_at"))
    static let emoji = merge(strings("name", "image"))

    static let reaction = merge(strings("user", "emoji_name"), ints("create_at"))
    static let attachment = merge(strings("path"))
    static let threadFollower = merge(strings("user"), ints("last_viewed", "unread_mentions"))
    private static let postCommon = merge(
        strings("user", "type", "message"), ints("create_at", "edit_at"),
        ["props": .anyObject, "flagged_by": .array(.string), "reactions": .array(.object(reaction)),
         "attachments": .array(.object(attachment)), "is_pinned": .bool]).fields
    static let reply = ObjectSchema(postCommon)
    static let post = merge(postCommon, strings("team", "channel"),
                            ["replies": .array(.object(reply)), "thread_followers": .array(.object(threadFollower))])
    static let directPost = merge(postCommon, ["channel_members": .array(.string), "replies": .array(.object(reply)),
                                               "thread_followers": .array(.object(threadFollower))])
    static let participant = merge(
        strings("username"),
        ["notify_props": .object(ObjectSchema(strings("desktop", "mobile", "mark_unread", "email", "ignore_channel_mentions",
                                                      "channel_auto_follow_threads"))),
         "scheme_user": .bool, "scheme_admin": .bool, "scheme_guest": .bool],
        ints("mention_count", "mention_count_root", "urgend_mention_count", "msg_count", "msg_count_root", "last_viewed_at"))
    static let directChannel = merge(strings("header"),
                                     ["members": .array(.string), "participants": .array(.object(participant)),
                                      "favorited_by": .array(.string), "shown_by": .array(.string)])

    /// The whole line: every payload key is decoded whatever the line's `type` is.
    static let line = merge(
        ["type": .string, "version": .int,
         "info": .object(merge(strings("generator", "version", "created"), ["additional": .any])),
         "role": .object(role), "scheme": .object(scheme), "team": .object(team), "channel": .object(channel),
         "user": .object(user), "bot": .object(bot), "emoji": .object(emoji), "post": .object(post),
         "direct_channel": .object(directChannel), "direct_post": .object(directPost)])

    /// Checks every known field's JSON type and rewrites keys to their canonical (lower-case)
    /// spelling, since Go matches keys case-insensitively; lookups can then compare exactly. One
    /// dictionary lookup per member; nothing is copied when every key is canonical already.
    static func check(_ object: JSONObject, schema: ObjectSchema) -> Result<JSONObject, TypeMismatch> {
        switch walk(object, schema) {
        case .failure(let mismatch): return .failure(mismatch)
        case .success(let canonical): return .success(canonical ?? object)
        }
    }

    /// Where the first wrong type is, with path components innermost first (built only on failure).
    struct TypeMismatch: Error {
        var reversedPath: [String]
        let expected: String

        var description: String { reversedPath.reversed().joined() + " must be " + expected }
    }

    /// nil success = unchanged.
    private static func walk(_ object: JSONObject, _ schema: ObjectSchema) -> Result<JSONObject?, TypeMismatch> {
        // Borrowed access through the buffer: subscripting the array copied (retained) every member.
        object.members.withUnsafeBufferPointer { members in
            var changed: [(key: String, value: JSONValue)]?
            for i in members.indices {
                var type = schema.type(ofExact: members[i].key)
                var canonicalKey: String?
                if type == nil, let folded = schema.fields[members[i].key.lowercased()] {
                    canonicalKey = members[i].key.lowercased()
                    type = folded
                }
                var newValue: JSONValue?
                if let type {
                    switch walk(members[i].value, type) {
                    case .failure(var mismatch):
                        mismatch.reversedPath.append(members[i].key)
                        return .failure(mismatch)
                    case .success(let value): newValue = value
                    }
                }
                if changed == nil && canonicalKey == nil && newValue == nil { continue }
                if changed == nil { changed = Array(members[..<i]) }
                changed!.append((canonicalKey ?? members[i].key, newValue ?? members[i].value))
            }
            return .success(changed.map(JSONObject.init))
        }
    }

    /// Switches on the type and tests the value's case without binding it where possible: binding
    /// both in a tuple copied (retained) every value of every line.
    private static func walk(_ value: JSONValue, _ type: FieldType) -> Result<JSONValue?, TypeMismatch> {
        switch type {
        case .any: return .success(nil)
        case .string: if case .string = value { return .success(nil) }
        case .int: if case .int = value { return .success(nil) }
        case .bool: if case .bool = value { return .success(nil) }
        case .anyObject: if case .object = value { return .success(nil) }
        case .object(let schema):
            if case .object(let object) = value {
                switch walk(object, schema) {
                case .failure(var mismatch):
                    mismatch.reversedPath.append(".")
                    return .failure(mismatch)
                case .success(let canonical): return .success(canonical.map(JSONValue.object))
                }
            }
        case .array(let elementType):
            if case .array(let elements) = value { return walk(elements, elementType) }
        }
        if case .null = value { return .success(nil) }
        if case .int = type, case .double = value {
            return .failure(TypeMismatch(reversedPath: [], expected: "an integer literal that fits in 64 bits, found \(describe(value))"))
        }
        return .failure(TypeMismatch(reversedPath: [], expected: "\(type.name), found \(describe(value))"))
    }

    private static func walk(_ elements: [JSONValue], _ elementType: FieldType) -> Result<JSONValue?, TypeMismatch> {
        var changed: [JSONValue]?
        for i in elements.indices {
            if case .null = elements[i], case .object = elementType {
                return .failure(TypeMismatch(reversedPath: ["[\(i)]"], expected: "an object, found null"))
            }
            switch walk(elements[i], elementType) {
            case .failure(var mismatch):
                mismatch.reversedPath.append("[\(i)]")
                return .failure(mismatch)
            case .success(let newElement?):
                if changed == nil { changed = Array(elements[..<i]) }
                changed!.append(newElement)
            case .success(nil): changed?.append(elements[i])
            }
        }
        return .success(changed.map(JSONValue.array))
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let b): "the boolean \(b)"
        case .int(let i): "the number \(i)"
        case .double(let d): "the number \(d)"
        case .number(let text): "the number \(text)"
        case .string(let s): "the string \"\(s.prefix(runes: 40))\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}
