/// A post, direct post or reply line read once into the fields the rules look at. The rules ask for each
/// field several times (about 25 questions per post); scanning the object's members for each was a
/// sixth of the checker thread's time.
///
/// Same meaning as `JSONObject.field`: keys are canonical (the type check ran first), the last
/// member of a name wins and `null` means absent. Types were checked by `LineSchema`, so a value of
/// another type cannot reach here; it would read as absent.
struct CheckedPost {
    var team: String?
    var channel: String?
    var user: String?
    var message: String?
    var type: String?
    var createAt: Int64?
    var props: JSONValue?
    var reactions: [JSONObject] = []
    var attachments: [JSONObject] = []
    var threadFollowers: [JSONObject] = []
    var flaggedBy: [String] = []
    var replies: [CheckedPost] = []
    /// nil when absent: a direct post without it fails its validator.
    var channelMembers: [String]?

    init(_ object: JSONObject) {
        object.members.withUnsafeBufferPointer { members in
            for member in members { read(member.key, member.value) }
        }
    }

    /// Dispatches on the key's length first, so most members cost one or two string compares.
    private mutating func read(_ key: String, _ value: JSONValue) {
        switch key.utf8.count {
        case 4:
            if key == "team" { team = value.stringValue }
            else if key == "user" { user = value.stringValue }
            else if key == "type" { type = value.stringValue }
        case 5:
            if key == "props" { props = value.isNull ? nil : value }
        case 7:
            if key == "message" { message = value.stringValue }
            else if key == "channel" { channel = value.stringValue }
            else if key == "replies" { replies = Self.objects(value).map(CheckedPost.init) }
        case 9:
            if key == "create_at" { createAt = value.int64Value }
            else if key == "reactions" { reactions = Self.objects(value) }
        case 10:
            if key == "flagged_by" { flaggedBy = value.arrayValue?.map { $0.stringValue ?? "" } ?? [] }
        case 11:
            if key == "attachments" { attachments = Self.objects(value) }
        case 15:
            if key == "channel_members" { channelMembers = value.arrayValue?.map { $0.stringValue ?? "" } }
        case 16:
            if key == "thread_followers" { threadFollowers = Self.objects(value) }
        default: break
        }
    }

    /// The objects of an array (null elements were rejected by the type check).
    private static func objects(_ value: JSONValue) -> [JSONObject] {
        value.arrayValue?.compactMap(\.objectValue) ?? []
    }
}
