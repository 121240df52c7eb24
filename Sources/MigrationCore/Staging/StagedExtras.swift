import MattermostImport

/// The fields most messages do not have, stored as one JSON blob per message row only when set.
struct StagedExtras: Codable, Equatable {
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
}
