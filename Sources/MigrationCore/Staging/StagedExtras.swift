import MattermostImport

/// The fields most messages do not have, stored as one blob per message row only when set
/// (`StagedBytesWriter`'s form: a byte of which fields follow, then each of them).
struct StagedExtras: Equatable {
    var postType: String?
    var props: JSONValue?
    var editedAt: Int64?
    var isPinned: Bool?
    var reactions: [SourceReaction]?
    var files: [SourceFile]?
    var flaggedByIDs: [String]?

    var isEmpty: Bool {
        postType == nil && props == nil && editedAt == nil && isPinned == nil && reactions == nil && files == nil
            && flaggedByIDs == nil
    }

    private enum Field: UInt8 {
        case postType = 1, props = 2, editedAt = 4, isPinned = 8, reactions = 16, files = 32, flaggedByIDs = 64
    }

    func encoded() -> [UInt8] {
        var present: UInt8 = 0
        func mark(_ field: Field, _ isSet: Bool) { if isSet { present |= field.rawValue } }
        mark(.postType, postType != nil)
        mark(.props, props != nil)
        mark(.editedAt, editedAt != nil)
        mark(.isPinned, isPinned != nil)
        mark(.reactions, reactions != nil)
        mark(.files, files != nil)
        mark(.flaggedByIDs, flaggedByIDs != nil)
        var writer = StagedBytesWriter()
        writer.byte(present)
        if let postType { writer.string(postType) }
        if let props { writer.json(props) }
        if let editedAt { writer.int(editedAt) }
        if let isPinned { writer.byte(isPinned ? 1 : 0) }
        if let reactions {
            writer.count(reactions.count)
            for reaction in reactions {
                writer.string(reaction.emoji)
                writer.strings(reaction.userIDs)
                if let at = reaction.createdAt { writer.byte(1); writer.int(at) } else { writer.byte(0) }
            }
        }
        if let files {
            writer.count(files.count)
            for file in files { file.write(to: &writer) }
        }
        if let flaggedByIDs { writer.strings(flaggedByIDs) }
        return writer.bytes
    }

    init(postType: String? = nil, props: JSONValue? = nil, editedAt: Int64? = nil, isPinned: Bool? = nil,
         reactions: [SourceReaction]? = nil, files: [SourceFile]? = nil, flaggedByIDs: [String]? = nil) {
        self.postType = postType
        self.props = props
        self.editedAt = editedAt
        self.isPinned = isPinned
        self.reactions = reactions
        self.files = files
        self.flaggedByIDs = flaggedByIDs
    }

    init(encoded bytes: [UInt8]) throws {
        var reader = StagedBytesReader(bytes)
        let present = try reader.byte()
        func has(_ field: Field) -> Bool { present & field.rawValue != 0 }
        self.init()
        if has(.postType) { postType = try reader.string() }
        if has(.props) { props = try reader.json() }
        if has(.editedAt) { editedAt = try reader.int() }
        if has(.isPinned) { isPinned = try reader.byte() != 0 }
        if has(.reactions) {
            var list: [SourceReaction] = []
            for _ in 0..<(try reader.count()) {
                let emoji = try reader.string(), users = try reader.strings()
                let at = try reader.byte() == 1 ? try reader.int() : nil
                list.append(SourceReaction(emoji: emoji, userIDs: users, createdAt: at))
            }
            reactions = list
        }
        if has(.files) {
            var list: [SourceFile] = []
            for _ in 0..<(try reader.count()) { list.append(try SourceFile(from: &reader)) }
            files = list
        }
        if has(.flaggedByIDs) { flaggedByIDs = try reader.strings() }
        guard reader.isAtEnd else { throw StagedBytesReader.Corrupt() }
    }
}
