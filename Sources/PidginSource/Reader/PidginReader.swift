import Foundation
import MigrationCore
import SourceToolkit

/// The Pidgin/libpurple log reader (`convert pidgin`): one or more `~/.purple/logs` trees → IMs as
/// direct messages, `.chat` rooms as private channels, merged across the trees given.
public final class PidginReader: SourceReader {
    public var sourceName: String { "pidgin" }

    let roots: [URL]
    let options: PidginOptions
    let identities: PidginIdentities
    private var logSet: PidginLogSet?
    static let teamID = "team"

    public init(roots: [URL], options: PidginOptions) {
        self.roots = roots
        self.options = options
        identities = PidginIdentities(ownerMap: options.ownerMap, userMap: options.userMap)
    }

    public func stageTeams(into staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: Self.teamID, name: options.teamName, displayName: options.teamDisplayName))
    }

    /// Finds the logs (the conversations decide who the users are), then stages the logging accounts,
    /// the IM buddies and everyone the maps name.
    public func stageUsers(into staging: MigrationStaging) throws {
        let set = try PidginLogSet(roots: roots, identities: identities) { item, reason in
            staging.recordSkipped(kind: "file", reason: reason, item: item)
        }
        guard set.fileCount > 0 else { throw PidginSourceError.noLogs(roots.map(\.path).joined(separator: ", ")) }
        logSet = set
        var seen = Set<String>()
        for id in set.userIDs + identities.mappedUserIDs where seen.insert(id).inserted {
            try staging.add(identities.sourceUser(id: id))
        }
    }

    public func stageConversations(into staging: MigrationStaging) throws {
        guard let set = logSet else { return }
        for conversation in set.conversations {
            switch conversation.kind {
            case .im:
                try staging.add(SourceDirectConversation(id: conversation.key, memberIDs: conversation.memberIDs))
            case .chat(let room):
                let owners = Array(Set(conversation.folders.map { identities.account($0.account) })).sorted()
                let shortName = room.split(separator: "@").first.map(String.init) ?? room
                try staging.add(SourceChannel(id: conversation.key, teamID: Self.teamID,
                                              name: String(shortName.drop { $0 == "#" }), displayName: shortName,
                                              isPrivate: true, purpose: "Pidgin room \(room)", memberIDs: owners))
            case .system:
                continue
            }
        }
    }

    public func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws {
        guard let set = logSet else { return }
        let total = set.fileCount
        try PidginWalker(set: set, roots: roots, identities: identities, options: options).walk { event in
            switch event {
            case .message(let message, _): try staging.add(message)
            case .skippedLine(let reason, let item, let conversation):
                staging.recordSkipped(.messages, reason: reason, item: item, conversation: conversation)
            case .skippedFile(let reason, let item): staging.recordSkipped(kind: "file", reason: reason, item: item)
            case .changed(let kind, let reason, let item): staging.recordChanged(kind: kind, reason: reason, item: item)
            case .fileDone(let done): if done % 256 == 0 || done == total { progress?("reading logs", done, total) }
            }
        }
    }
}
