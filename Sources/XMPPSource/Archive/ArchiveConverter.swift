import MigrationCore
import SourceToolkit

/// Turns archive rows into staged messages: who wrote them in which conversation, the text, edits,
/// reactions and threads, with every row that does not become a post counted under its reason.
final class ArchiveConverter {
    /// A row understood: where it belongs, who wrote it and when.
    struct Placed {
        var conversation: String
        var author: XMPPJID
        var time: Int64
        /// `author` as text (its user id): made only when needed, as a stored copy (half the rows of an
        /// ejabberd archive) never needs it.
        var authorText: String { author.description }
    }

    private let staging: MigrationStaging
    private let users: XMPPUserDirectory
    private let conversations: ConversationRegistry
    private let options: XMPPOptions
    private let sourceName: String
    private let amendments: Amendments
    private let copies: StoredCopies
    /// Per room: nick → real JID, learned from muc#user items and the server's registrations.
    private var nicks: [String: [String: XMPPJID]]
    private var nickOnlyAuthors: Set<String> = []
    /// `conversation ␟ thread id` → the id of the first message of that XEP-0201 thread.
    private let threadStarts: ThreadStarts
    private(set) var duplicateCopies = 0
    private(set) var rows = 0
    private(set) var firstTime: Int64?
    private(set) var lastTime: Int64?

    init(staging: MigrationStaging, users: XMPPUserDirectory, conversations: ConversationRegistry, options: XMPPOptions,
         sourceName: String, registeredNicks: [String: [String: String]]) throws {
        copies = try StoredCopies()
        amendments = try Amendments()
        threadStarts = try ThreadStarts()
        self.staging = staging
        self.users = users
        self.conversations = conversations
        self.options = options
        self.sourceName = sourceName
        var nicks: [String: [String: XMPPJID]] = [:]
        for (room, byNick) in registeredNicks {
            guard let roomJID = XMPPJID(room) else { continue }
            nicks[roomJID.description] = byNick.compactMapValues { users.jid($0) }
        }
        self.nicks = nicks
    }

    // MARK: pass 1

    private let amendmentParser = StanzaParser()

    /// Notes the correction or reactions a row carries (other rows are ignored here).
    func collectAmendment(_ row: ArchiveRow) throws {
        guard let stanza = try? amendmentParser.parse(row.stanza), stanza.kind == "message", stanza.type != "error",
              stanza.replacesID != nil || stanza.reactionsToID != nil,
              let placed = try place(row, stanza) else { return }
        let author = placed.authorText
        if let target = stanza.replacesID {
            try amendments.noteCorrection(of: target, in: placed.conversation, by: author, text: StanzaText(stanza),
                                      time: placed.time, location: row.location, id: messageIDs(row, stanza)[0])
        } else if let target = stanza.reactionsToID {
            try amendments.noteReactions(to: target, in: placed.conversation, by: author, emoji: stanza.reactions.filter { !$0.isEmpty })
        }
    }

    // MARK: pass 2

    /// Stages the message a row holds, or records why it holds none.
    /// `inout` only so the row is read where it lies; nothing in it changes.
    func convert(_ parsed: inout ParsedArchiveRow) throws {
        // The parts are passed on, not bound to locals: a local copy retained every string of the row.
        try convert(parsed.row, parsed.parsed, parsed.parseError, parsed.jids)
    }

    private func convert(_ row: ArchiveRow, _ parsed: (stanza: XMPPStanza, text: StanzaText)?, _ parseError: StanzaParseError?,
                         _ jids: RowJIDs?) throws {
        rows += 1
        if let reason = row.skipReason {
            if row.isStoredCopy { duplicateCopies += 1 }
            return skip(reason, row)
        }
        guard let (stanza, parsedText) = parsed else {
            let reason = parseError?.reason ?? "no stanza"
            guard options.lenient else { throw XMPPSourceError("\(sourceName): \(row.location): \(reason)") }
            skip("malformed stanza XML", row, detail: reason)
            return
        }
        if row.repairedText {
            staging.recordChanged(kind: "message", reason: "invalid UTF-8 bytes replaced with U+FFFD", item: row.location)
        }
        guard stanza.kind == "message" else { return skip("\(stanza.kind) stanza (no message)", row) }
        guard stanza.type != "error" else { return skip("error stanza (a bounced message)", row) }
        guard let placed = try place(row, stanza, jids) else {
            return skip(row.isRoom ? "room message without a sender" : "1:1 message without a peer", row)
        }
        firstTime = min(firstTime ?? placed.time, placed.time)
        lastTime = max(lastTime ?? placed.time, placed.time)
        if row.mayRepeat {
            let content = (row.isRoom ? stanza.stanzaIDs.first : nil) ?? stanza.id ?? stanza.originID ?? "body:" + (stanza.body ?? "")
            if try copies.isCopy(ArchiveKey(placed.conversation, author: placed.author, content), at: placed.time) {
                duplicateCopies += 1
                return skip(row.isRoom ? "another member's stored copy of a room message"
                                       : "second stored copy of a 1:1 message (each local participant's archive keeps one)", row)
            }
        }
        if let target = stanza.replacesID {
            let key = ArchiveKey(placed.conversation, target, placed.authorText)
            if try !amendments.countCorrectionRow(key) { skip("XEP-0308 correction that could not be read in the first pass", row) }
            return
        }
        if let target = stanza.reactionsToID {
            try amendments.countReactionRow(ArchiveKey(placed.conversation, target))
            return
        }
        var text = parsedText
        for missing in row.missingFiles { staging.recordSkipped(.files, reason: missing.reason, item: missing.item) }
        if text.text.isEmpty, row.files.isEmpty, let name = stanza.fileTransferName {
            // The post still says a file was sent; the report lists where it was.
            text.text = "(file not migrated: \(name))"
        }
        guard !text.text.isEmpty || !row.files.isEmpty else {
            return skip(stanza.subject != nil ? "room subject change (no body)" : "no body (chat state, receipt or other notification)", row)
        }
        guard placed.time > 0 else { return skip("no timestamp (neither stored nor in a <delay>)", row) }
        if let since = options.since, placed.time < since { return skip("before --since", row) }
        try stage(placed, ids: messageIDs(row, stanza), text: text, stanza: stanza, files: row.files)
    }

    /// A file that stops being readable: reported (the rows before it are kept) or, when strict, the end.
    func unreadable(_ location: String, _ reason: String) throws {
        guard options.lenient else { throw XMPPSourceError("\(sourceName): \(location): \(reason)") }
        staging.recordSkipped(kind: "file", reason: "malformed or truncated XML; the rest of the file is unread", item: "\(location): \(reason)")
    }

    /// Records what the amending rows became, posts corrections of messages that are not in the
    /// archive as messages of their own, and reports JIDs without a domain.
    func finish() throws {
        try amendments.forEachCountedCorrection { correction in
            if correction.applied {
                staging.recordSkipped(.messages, reason: "XEP-0308 correction: applied as an edit of the message it corrects",
                                      item: correction.location, count: correction.rows, conversation: correction.conversation)
                return
            }
            staging.recordChanged(kind: "message", reason: "XEP-0308 correction of a message not in the archive (or by someone else); posted as a message",
                                  item: correction.location)
            try staging.add(SourceMessage(id: correction.id, conversationID: correction.conversation, authorID: correction.author,
                                          text: correction.text.text, createdAt: correction.time, postType: correction.text.postType))
            if correction.rows > 1 {
                staging.recordSkipped(.messages, reason: "XEP-0308 correction superseded by a later one", item: correction.location,
                                      count: correction.rows - 1, conversation: correction.conversation)
            }
        }
        try amendments.forEachCountedReactionTarget { target in
            staging.recordSkipped(.messages, reason: target.applied ? "XEP-0444 reaction: added to the message it reacts to"
                                                                    : "XEP-0444 reaction to a message not in the archive",
                                  item: target.key.replacingOccurrences(of: "\u{1F}", with: " "), count: target.rows)
        }
        users.recordDomainless(in: staging)
    }

    // MARK: placing a row

    /// The conversation, author and time of a message row; `nil` when the row names no sender.
    /// `jids`: the row's JIDs if already parsed.
    func place(_ row: ArchiveRow, _ stanza: XMPPStanza, _ jids: RowJIDs? = nil) throws -> Placed? {
        let jids = jids ?? RowJIDs(row, stanza)
        let time = stanza.delayStamp ?? row.time
        if row.isRoom {
            guard let room = jids.owner else { return nil }
            let conversation = try conversations.room(room, in: staging)
            guard let author = roomAuthor(room, row, stanza) else { return nil }
            return Placed(conversation: conversation, author: author, time: time)
        }
        // Each JID of the row is parsed once: these parses were a sixth of placing a row.
        let from = jids.from, to = jids.to
        guard let owner = ownerJID(jids.owner, from: from, to: to) else { return nil }
        let peerText = row.peer ?? (from == owner ? stanza.to : stanza.from)
        // The peer column usually repeats the stanza's own `from` or `to`.
        let parsedPeer = peerText == stanza.from ? from : peerText == stanza.to ? to : peerText.flatMap(XMPPJID.init)
        guard let peer = parsedPeer.map(users.completed) else { return nil }
        let author: XMPPJID
        if let from {
            author = from.withDomain(owner.domain) == owner ? owner : peer
        } else {
            author = to?.withDomain(owner.domain) == peer ? owner : peer
        }
        let conversation = try conversations.direct(owner, peer, in: staging)
        return Placed(conversation: conversation, author: author, time: time)
    }

    /// A message row's own id first, then the other ids corrections, reactions and replies may use for it.
    private func messageIDs(_ row: ArchiveRow, _ stanza: XMPPStanza) -> [String] {
        if row.isRoom {
            // The room's archive id is what replies and reactions name; a member's copy carries it as stanza-id.
            var ids = row.mayRepeat ? stanza.stanzaIDs + [row.archiveID] : [row.archiveID] + stanza.stanzaIDs
            ids += [stanza.originID, stanza.id].compactMap { $0 }
            return unique(ids)
        }
        var ids: [String] = []
        ids.reserveCapacity(2 + stanza.stanzaIDs.count)
        ids.append(stanza.id ?? stanza.originID ?? "row:" + row.archiveID)
        if let origin = stanza.originID { ids.append(origin) }
        ids += stanza.stanzaIDs
        return unique(ids)
    }

    /// The owner of a personal archive; a bare localpart takes its domain from the stanza's own
    /// `from`/`to` when one of them is the owner, else from `--domain`.
    private func ownerJID(_ owner: XMPPJID?, from: XMPPJID?, to: XMPPJID?) -> XMPPJID? {
        guard let owner else { return nil }
        if owner.domain == nil {
            if let from, from.localpart == owner.localpart, from.domain != nil { return from }
            if let to, to.localpart == owner.localpart, to.domain != nil { return to }
        }
        return users.completed(owner)
    }

    /// A room message's author: the occupant's real JID (muc#user item), else the JID its nick is known
    /// by, else a user made from the nick (reported).
    private func roomAuthor(_ room: XMPPJID, _ row: ArchiveRow, _ stanza: XMPPStanza) -> XMPPJID? {
        let nick = row.nick ?? stanza.from.flatMap { from in from.firstIndex(of: "/").map { String(from[from.index(after: $0)...]) } }
        if let real = (row.senderJID ?? stanza.occupantJID).flatMap(users.jid) {
            if let nick { nicks[room.description, default: [:]][nick] = real }
            return real
        }
        guard let nick, !nick.isEmpty else { return nil }
        if let known = nicks[room.description]?[nick] { return known }
        let made = users.jid(forNick: nick)
        if nickOnlyAuthors.insert(room.description + "/" + nick).inserted {
            staging.recordChanged(kind: "user", reason: "room message without the occupant's real JID; author made from the nick (map it with --user-map)",
                                  item: room.description + "/" + nick)
        }
        return made
    }

    // MARK: staging

    private func stage(_ placed: Placed, ids: [String], text: StanzaText, stanza: XMPPStanza, files: [SourceFile]) throws {
        let author = try users.userID(placed.author, description: placed.authorText, in: staging)
        let id = ids[0]
        var message = SourceMessage(id: id, conversationID: placed.conversation, authorID: author, text: text.text,
                                    createdAt: placed.time, postType: text.postType, files: files)
        message.threadRootID = try threadRoot(placed.conversation, id: id, stanza)
        for candidate in ids {
            if amendments.hasCorrections, let correction = try amendments.applyCorrection(ArchiveKey(placed.conversation, candidate, author)) {
                message.text = correction.text.text
                message.postType = correction.text.postType
                message.editedAt = max(correction.time, placed.time)
            }
            if amendments.hasReactions, let reactions = try amendments.applyReactions(ArchiveKey(placed.conversation, candidate)) {
                var byEmoji: [String: [String]] = [:]
                for (reactor, emoji) in reactions {
                    guard let reactorJID = XMPPJID(reactor) else { continue }
                    let reactorID = try users.userID(reactorJID, in: staging)
                    for symbol in Set(emoji) { byEmoji[symbol, default: []].append(reactorID) }
                }
                message.reactions += byEmoji.keys.sorted().map { SourceReaction(emoji: $0, userIDs: byEmoji[$0]!.sorted()) }
            }
        }
        try staging.add(message)
    }

    /// A XEP-0461 reply's parent, or the first message of the XEP-0201 thread named as this one's
    /// `parent`; a thread id is remembered from the first message that carries it.
    private func threadRoot(_ conversation: String, id: String, _ stanza: XMPPStanza) throws -> String? {
        var root = stanza.replyToID
        if root == nil, let parent = stanza.threadParent, !parent.isEmpty {
            root = try threadStarts.first(ArchiveKey(conversation, parent))
        }
        if let thread = stanza.thread, !thread.isEmpty {
            try threadStarts.noteFirst(ArchiveKey(conversation, thread), id: id)
        }
        return root == id ? nil : root
    }

    private func skip(_ reason: String, _ row: ArchiveRow, detail: String? = nil) {
        staging.recordSkipped(.messages, reason: reason, item: detail.map { "\(row.location): \($0)" } ?? row.location)
    }

    /// `ids` without repeats, first occurrences kept (a row has a few: no set).
    private func unique(_ ids: [String]) -> [String] {
        // Usually nothing repeats: the array is kept (a new one was an allocation per row).
        let repeats = ids.indices.contains { index in ids[..<index].contains(ids[index]) }
        guard repeats else { return ids }
        var kept: [String] = []
        kept.reserveCapacity(ids.count)
        for id in ids where !kept.contains(id) { kept.append(id) }
        return kept
    }
}
