import Foundation
import MattermostImport
import MigrationCore
import SourceToolkit

/// Applies a mapping to the rows of one file: each row becomes a `MappedRow` or a `CSVSourceError`
/// naming the row, the column and why.
struct RowMapper {
    private let user, channel, dmMembers, dmFlag, timestamp, text, messageID, threadParentID, editedAt,
                attachments, reactions, channelType, channelHeader: ResolvedField?
    private let times: TimestampParser
    private let editTimes: TimestampParser
    private let separator: String

    init(mapping: BespokeMapping, resolver: FieldResolver) throws {
        let f = mapping.fields
        user = try resolver.resolve(f.user, key: "user")
        channel = try resolver.resolve(f.channel, key: "channel")
        dmMembers = try resolver.resolve(f.dmMembers, key: "dm_members")
        dmFlag = try resolver.resolve(f.dmFlag, key: "dm")
        timestamp = try resolver.resolve(f.timestamp, key: "timestamp")
        text = try resolver.resolve(f.text, key: "text")
        messageID = try resolver.resolve(f.messageID, key: "message_id")
        threadParentID = try resolver.resolve(f.threadParentID, key: "thread_parent_id")
        editedAt = try resolver.resolve(f.editedAt, key: "edited_at")
        attachments = try resolver.resolve(f.attachments, key: "attachments")
        reactions = try resolver.resolve(f.reactions, key: "reactions")
        channelType = try resolver.resolve(f.channelType, key: "channel_type")
        channelHeader = try resolver.resolve(f.channelHeader, key: "channel_header")
        times = TimestampParser(mapping.timestamp)
        editTimes = mapping.editedAt.map(TimestampParser.init) ?? times
        separator = mapping.listSeparator
    }

    func map(_ row: InputRow) throws -> MappedRow {
        guard let author = try string(user, row) else { throw row.error(user?.label, "no user (the author's username is empty)") }
        guard let timeText = try string(timestamp, row) else { throw row.error(timestamp?.label, "no time") }
        guard let createdAt = times.milliseconds(timeText) else {
            throw row.error(timestamp?.label, "cannot read \"\(timeText.prefix(40))\" as \(times.format.expectation)")
        }
        var kind: MappedRow.ChannelKind?
        var isDirect = try string(dmFlag, row).map(Self.isTrue) ?? false
        if let typeText = try string(channelType, row) {
            switch typeText.lowercased() {
            case "public", "open", "o", "channel": kind = .open
            case "private", "p", "group": kind = .private
            case "direct", "dm", "d", "g", "im", "mpim", "gm": isDirect = true
            default: throw row.error(channelType?.label, "channel type \"\(typeText.prefix(40))\": expected public, private or direct")
            }
        }
        let channelName = try string(channel, row)
        let members = try list(dmMembers, row)
        if channelName == nil && !members.isEmpty { isDirect = true }
        let target: MappedRow.Target
        if isDirect {
            var unique = Set(members)
            unique.insert(author)
            target = .direct(members: unique.sorted())
        } else {
            guard let channelName else { throw row.error(channel?.label, "no channel (and no DM members)") }
            target = .channel(name: channelName)
        }
        var edited: Int64?
        if let editText = try string(editedAt, row) {
            guard let time = editTimes.milliseconds(editText) else {
                throw row.error(editedAt?.label, "cannot read \"\(editText.prefix(40))\" as \(editTimes.format.expectation)")
            }
            edited = time
        }
        let header = try string(channelHeader, row)
        return MappedRow(author: author, target: target, createdAt: createdAt, text: try string(text, row) ?? "",
                         messageID: try string(messageID, row), threadParentID: try string(threadParentID, row),
                         editedAt: edited, attachments: try list(attachments, row), reactions: try reactionList(row),
                         channelKind: isDirect ? nil : kind, channelHeader: isDirect ? nil : header)
    }

    private static func isTrue(_ text: String) -> Bool {
        ["true", "1", "yes", "y", "dm", "direct"].contains(text.lowercased())
    }

    private func string(_ field: ResolvedField?, _ row: InputRow) throws -> String? {
        guard let field, let value = field.value(in: row) else { return nil }
        guard case .text(let text) = value else { throw row.error(field.label, "expected a single value, found a list or an object") }
        return text
    }

    /// A list: a CSV cell split at the list separator, or a JSON array of texts (or of `{"path"}` objects).
    private func list(_ field: ResolvedField?, _ row: InputRow) throws -> [String] {
        guard let field, let value = field.value(in: row) else { return [] }
        switch value {
        case .text(let text):
            return text.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .list(let items):
            return try items.compactMap { item throws -> String? in
                switch ResolvedField.fieldValue(item) {
                case .some(.text(let text)): return text
                case .some(.object(let object)): if let path = object["path"]?.stringValue { return path }
                case .none: return nil
                case .some(.list): break
                }
                throw row.error(field.label, "expected a list of texts")
            }
        case .object:
            throw row.error(field.label, "expected a list, found an object")
        }
    }

    /// `emoji:user1,user2;emoji2:user3` in a cell; `[{"emoji"|"name", "users"|"user"}]` or `{"emoji": [users]}` in JSON.
    private func reactionList(_ row: InputRow) throws -> [SourceReaction] {
        guard let field = reactions, let value = field.value(in: row) else { return [] }
        let expectation = "expected emoji:user1,user2;emoji2:user3, a list of {emoji, users} or an object of emoji: [users]"
        func users(_ value: JSONValue?) -> [String]? {
            switch value.flatMap(ResolvedField.fieldValue) {
            case .some(.text(let name)): [name]
            case .some(.list(let names)): names.compactMap(\.stringValue)
            default: nil
            }
        }
        var result: [SourceReaction] = []
        switch value {
        case .text(let text):
            for part in text.components(separatedBy: separator) where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                let pieces = part.split(separator: ":", maxSplits: 1)
                guard pieces.count == 2 else { throw row.error(field.label, "reaction \"\(part.prefix(40))\": \(expectation)") }
                let names = pieces[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                result.append(SourceReaction(emoji: pieces[0].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: [":"]), userIDs: names))
            }
        case .list(let items):
            for item in items {
                guard let emoji = (item["emoji"] ?? item["name"])?.stringValue, let names = users(item["users"] ?? item["user"]) else {
                    throw row.error(field.label, expectation)
                }
                result.append(SourceReaction(emoji: emoji, userIDs: names))
            }
        case .object(let object):
            for (emoji, value) in object.members {
                guard let names = users(value) else { throw row.error(field.label, expectation) }
                result.append(SourceReaction(emoji: emoji, userIDs: names))
            }
        }
        return result.filter { !$0.userIDs.isEmpty }
    }
}
