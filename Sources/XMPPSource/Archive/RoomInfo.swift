/// A MUC room as the server's configuration describes it.
public struct RoomInfo: Sendable, Equatable {
    public var jid: String
    public var title: String?
    public var description: String?
    public var subject: String?
    /// `nil`: the configuration does not say (such rooms become private channels).
    public var membersOnly: Bool?
    public var memberJIDs: [String]
    public var adminJIDs: [String]

    public init(jid: String, title: String? = nil, description: String? = nil, subject: String? = nil,
                membersOnly: Bool? = nil, memberJIDs: [String] = [], adminJIDs: [String] = []) {
        self.jid = jid
        self.title = title
        self.description = description
        self.subject = subject
        self.membersOnly = membersOnly
        self.memberJIDs = memberJIDs
        self.adminJIDs = adminJIDs
    }
}
