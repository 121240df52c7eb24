import Foundation
import MattermostImport
import SourceToolkit

/// Reads a bespoke export once with its mapping, as `convert` would, and reports what it found
/// without writing anything.
public enum BespokeInspector {
    static let listed = 20

    public static func inspect(_ options: BespokeOptions, samples: Int = 5) throws -> BespokeInspection {
        var result = BespokeInspection()
        var discovery = ConversationDiscovery()
        let root = FilesRoot(root: options.filesRoot ?? options.files.first?.deletingLastPathComponent() ?? URL(fileURLWithPath: "."))
        for file in options.files {
            let source = try RowSource(file: file, format: options.format, mapping: options.mapping,
                                       delimiter: options.delimiter, maxRowBytes: options.maxRowBytes)
            var entry = BespokeInspection.File(name: source.name, delimiter: source.delimiter.map(Self.name), columns: source.header,
                                               rows: 0, badRows: 0)
            var keys: [String] = [], keySet = Set<String>()
            while true {
                do {
                    guard let row = try source.next() else { break }
                    entry.rows += 1
                    switch row.storage {
                    case .csv(let fields) where entry.columns.count < fields.count && source.header.isEmpty:
                        entry.columns = (1...fields.count).map(String.init)
                    case .json(let object) where entry.rows <= 100:
                        for key in object.keys where keySet.insert(key).inserted { keys.append(key) }
                    default: break
                    }
                    let mapped = try source.mapper.map(row)
                    discovery.add(mapped)
                    result.messages += 1
                    for path in mapped.attachments {
                        result.attachments += 1
                        if case .failure(let refusal) = root.locate(path, id: "") {
                            result.missingAttachmentCount += 1
                            if result.missingAttachments.count < listed {
                                result.missingAttachments.append("\(row.file): row \(row.row): \(path) (\(refusal.rawValue))")
                            }
                        }
                    }
                    if result.samples.count < samples { result.samples.append(sample(mapped, row)) }
                } catch let error as CSVSourceError where error.row != nil {
                    entry.rows += 1
                    entry.badRows += 1
                    result.badRowCount += 1
                    if result.badRows.count < listed { result.badRows.append(error.description) }
                }
            }
            if options.format == .jsonl { entry.columns = keys }
            result.files.append(entry)
        }
        result.channels = discovery.channels.count
        result.directConversations = discovery.directs.count
        result.channelTypeConflicts = discovery.typeConflicts
        if let usersFile = options.usersFile {
            let known = Set(try UsersFile.load(usersFile).map(\.username))
            result.users = known.count
            let unknown = discovery.people.filter { !known.contains($0) }
            result.unknownUserCount = unknown.count
            result.unknownUsers = Array(unknown.prefix(listed))
        } else {
            result.users = discovery.people.count
        }
        if let channelsFile = options.channelsFile {
            let defined = try ChannelsFile.load(channelsFile, listSeparator: options.mapping.listSeparator).map(\.name)
            result.channels = Set(defined + discovery.channels.map(\.name)).count
        }
        return result
    }

    static func name(_ delimiter: CSVDialect.Delimiter) -> String {
        delimiter == .tab ? "tab" : delimiter.rawValue
    }

    private static func sample(_ mapped: MappedRow, _ row: InputRow) -> BespokeInspection.SampleRow {
        let conversation: String
        switch mapped.target {
        case .channel(let name): conversation = name
        case .direct(let members): conversation = "DM " + members.joined(separator: ", ")
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let time = formatter.string(from: Date(timeIntervalSince1970: Double(mapped.createdAt) / 1000))
        return .init(location: "\(row.file): row \(row.row)", user: mapped.author, conversation: conversation, time: time,
                     text: String(mapped.text.prefix(80)), messageID: mapped.messageID, threadParentID: mapped.threadParentID,
                     attachments: mapped.attachments, reactions: mapped.reactions.count)
    }
}
