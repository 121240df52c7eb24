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
    /// An ad-hoc group chat: a group message among its members (the core makes groups over
    /// Mattermost's limit private channels).
    public var isAdHoc: Bool

    public init(jid: String, title: String? = nil, description: String? = nil, subject: String? = nil,
                membersOnly: Bool? = nil, memberJIDs: [String] = [], adminJIDs: [String] = [], isAdHoc: Bool = false) {
        self.isAdHoc = isAdHoc
        self.jid = jid
        self.title = title
        self.description = description
        self.subject = subject
        self.membersOnly = membersOnly
        self.memberJIDs = memberJIDs
        self.adminJIDs = adminJIDs
    }
}
