import Foundation
import MigrationCore
import SourceToolkit

/// Reads a bespoke export, CSV files (Slack's import layout or a mapping) or JSON Lines files (a
/// mapping), into the staging store. Two streaming passes: the first finds the people and
/// conversations the rows name (so channels get their authors as members before any message), the
/// second stages the messages. Nothing but the current row and the names is held in memory.
public final class BespokeReader: SourceReader {
    public let options: BespokeOptions
    static let teamID = "team"
    private var discovery: ConversationDiscovery?
    private var channelDefinitions: [ChannelDefinition] = []

    public init(options: BespokeOptions) {
        self.options = options
    }

    public var sourceName: String { options.format.rawValue }

    public var files: (any SourceFileReader)? {
        options.skipAttachments ? nil : filesRoot
    }

    /// `--files-root`, or the folder of the first input file.
    private var filesRoot: FilesRoot {
        FilesRoot(root: options.filesRoot ?? options.files.first?.deletingLastPathComponent() ?? URL(fileURLWithPath: "."))
    }

    public func stageTeams(into staging: MigrationStaging) throws {
        try staging.add(SourceTeam(id: Self.teamID, name: options.teamName, displayName: options.teamDisplayName))
    }

    public func stageUsers(into staging: MigrationStaging) throws {
        if let channelsFile = options.channelsFile {
            channelDefinitions = try ChannelsFile.load(channelsFile, listSeparator: options.mapping.listSeparator)
        }
        let found = try discover()
        if let usersFile = options.usersFile {
            // The file is the user list: anyone else the rows name becomes a reported placeholder.
            for user in try UsersFile.load(usersFile) { try staging.add(user) }
        } else {
            // No user list: everyone the rows or the channels file name is a user.
            var names = found.people
            var seen = Set(names)
            for channel in channelDefinitions {
                for name in channel.members + channel.admins where seen.insert(name).inserted { names.append(name) }
            }
            for name in names { try staging.add(SourceUser(id: name, username: name)) }
        }
    }

    public func stageConversations(into staging: MigrationStaging) throws {
        let found = try discover()
        var defined = Set<String>()
        for definition in channelDefinitions {
            defined.insert(definition.name)
            let authors = found.channels.first { $0.name == definition.name }?.authors ?? []
            var members = definition.members
            members.append(contentsOf: (definition.admins + authors).filter { !members.contains($0) })
            try staging.add(SourceChannel(id: definition.name, teamID: Self.teamID, name: definition.name,
                                          displayName: definition.displayName ?? definition.name, isPrivate: definition.isPrivate,
                                          header: definition.header, purpose: definition.purpose,
                                          archivedAt: definition.archived ? 1 : nil, memberIDs: members, adminIDs: definition.admins))
        }
        for channel in found.channels where !defined.contains(channel.name) {
            try staging.add(SourceChannel(id: channel.name, teamID: Self.teamID, name: channel.name, displayName: channel.name,
                                          isPrivate: channel.kind == .private, header: channel.header, memberIDs: channel.authors))
        }
        for name in found.typeConflicts {
            staging.recordChanged(kind: "channel", reason: "rows give different channel types; the first one is kept", item: name)
        }
        for members in found.directs {
            try staging.add(SourceDirectConversation(id: "dm:" + members.joined(separator: ","), memberIDs: members))
        }
    }

    public func stageMessages(into staging: MigrationStaging, progress: ConversionProgress?) throws {
        let total = options.files.reduce(Int64(0)) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize).map(Int64.init) ?? 0) }
        var done: Int64 = 0
        for (fileIndex, file) in options.files.enumerated() {
            let source = try RowSource(file: file, format: options.format, mapping: options.mapping,
                                       delimiter: options.delimiter, maxRowBytes: options.maxRowBytes)
            let stager = MessageStager(staging: staging, fileIndex: fileIndex, options: options,
                                       filesRoot: options.skipAttachments ? nil : filesRoot)
            var rows = 0
            while true {
                do {
                    guard let row = try source.next() else { break }
                    try stager.stage(try source.mapper.map(row), row: row)
                } catch let error as CSVSourceError where options.lenient && error.row != nil {
                    staging.recordSkipped(.messages, reason: "bad row: \(error.reason)", item: error.location)
                }
                rows += 1
                if rows & 0x3FFF == 0 { progress?("reading rows", Int(done + source.bytesRead), Int(total)) }
            }
            done += source.bytesRead
        }
    }

    private func discover() throws -> ConversationDiscovery {
        if let discovery { return discovery }
        let found = try ConversationDiscovery.run(options, progress: nil)
        discovery = found
        return found
    }
}
