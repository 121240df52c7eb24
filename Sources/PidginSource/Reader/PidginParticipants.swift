/// Who wrote each line of one log file. HTML logs say own or received by colour; TXT logs and `/me`
/// lines do not, so names are matched: names already attributed in this file, the maps, and the
/// account and buddy names of the folder. In an IM, a name that matches nothing goes to the party not
/// yet seen in the file (or, with no evidence at all, to the log's owner), and the guess is reported.
/// In a room, a sender is its nick (through `--user-map`); own lines are the owner's.
struct PidginParticipants {
    enum Resolution: Equatable {
        case known(String)
        /// Attributed without evidence (TXT, name in no map): reported so the admin can add a mapping.
        case guessed(String)
    }

    let conversation: PidginConversation.Kind
    let owner: String
    let ownerAccount: String
    let identities: PidginIdentities
    /// Names met in this file (lower case) → user id.
    private var learned: [String: String] = [:]
    /// The names as written, for splitting TXT `/me` lines.
    private(set) var knownNames: [String] = []

    init(conversation: PidginConversation.Kind, folder: PidginLogFolder, identities: PidginIdentities) {
        self.identities = identities
        ownerAccount = PidginIdentities.normalized(folder.account)
        owner = identities.account(folder.account)
        // A merged IM lists its first copy's sides; this file's owner and buddy are its own folder's.
        if case .im = conversation {
            self.conversation = .im(owner: owner, buddy: identities.buddy(folder.target))
        } else {
            self.conversation = conversation
        }
    }

    /// The author of `record` (which has a sender).
    mutating func author(of record: PidginRecord) -> Resolution {
        let name = record.sender ?? ""
        let key = name.lowercased()
        if record.direction == .sent {
            return learn(key, name, owner)
        }
        if case .im(_, let buddy) = conversation, record.direction == .received {
            return learn(key, name, buddy)
        }
        if let id = learned[key] { return .known(id) }
        switch conversation {
        case .im(_, let buddy):
            let bare = PidginIdentities.normalized(name)
            if let mapped = identities.mappedName(name), mapped == owner || mapped == buddy { return learn(key, name, mapped) }
            if bare == ownerAccount || identities.account(name) == owner { return learn(key, name, owner) }
            if identities.buddy(name) == buddy { return learn(key, name, buddy) }
            let ownerSeen = learned.values.contains(owner), buddySeen = learned.values.contains(buddy)
            let guess = ownerSeen && !buddySeen ? buddy : !ownerSeen && buddySeen ? owner : buddySeen ? buddy : owner
            _ = learn(key, name, guess)
            return .guessed(guess)
        case .chat, .system:
            if let mapped = identities.mappedName(name) { return learn(key, name, mapped) }
            if key == ownerAccount || key == ownerAccount.split(separator: "@").first.map(String.init) {
                return learn(key, name, owner)
            }
            return learn(key, name, identities.nick(name))
        }
    }

    /// The key that identifies the sender across two people's copies of the conversation: the user in an
    /// IM (each side names the other differently), the nick as written in a room (the same in every copy).
    func duplicateKey(of record: PidginRecord, author: String) -> String {
        if case .chat = conversation { return "nick:" + (record.sender ?? "").lowercased() }
        return author
    }

    private mutating func learn(_ key: String, _ name: String, _ id: String) -> Resolution {
        if learned.updateValue(id, forKey: key) == nil { knownNames.append(name) }
        return .known(id)
    }
}
