import Foundation
import SourceToolkit

/// The first pass over the input: which people and conversations the rows name, in order of first
/// appearance (so output is deterministic), with each channel's authors as members and its per-row
/// type and header. Bad rows stop it unless the run is lenient (the second pass reports them).
struct ConversationDiscovery {
    struct Channel {
        var name: String
        var kind: MappedRow.ChannelKind?
        var header: String?
        var authors: [String] = []
        var authorSet: Set<String> = []
    }

    var people: [String] = []
    private var peopleSet: Set<String> = []
    var channels: [Channel] = []
    private var channelIndex: [String: Int] = [:]
    var directs: [[String]] = []
    private var directSet: Set<[String]> = []
    /// Channels whose rows give different types (the first one is kept).
    var typeConflicts: [String] = []

    static func run(_ options: BespokeOptions, progress: ((Int64) -> Void)?) throws -> ConversationDiscovery {
        var discovery = ConversationDiscovery()
        var done: Int64 = 0
        for file in options.files {
            let source = try RowSource(file: file, format: options.format, mapping: options.mapping,
                                       delimiter: options.delimiter, maxRowBytes: options.maxRowBytes)
            var rows = 0
            while true {
                do {
                    guard let row = try source.next() else { break }
                    discovery.add(try source.mapper.map(row))
                } catch let error as CSVSourceError where options.lenient && error.row != nil {
                    continue
                }
                rows += 1
                if rows & 0xFFFF == 0 { progress?(done + source.bytesRead) }
            }
            done += source.bytesRead
        }
        return discovery
    }

    mutating func add(_ row: MappedRow) {
        notePerson(row.author)
        for reaction in row.reactions { reaction.userIDs.forEach { notePerson($0) } }
        switch row.target {
        case .channel(let name):
            let index: Int
            if let known = channelIndex[name] {
                index = known
            } else {
                index = channels.count
                channelIndex[name] = index
                channels.append(Channel(name: name))
            }
            if channels[index].authorSet.insert(row.author).inserted { channels[index].authors.append(row.author) }
            if let kind = row.channelKind {
                if channels[index].kind == nil {
                    channels[index].kind = kind
                } else if channels[index].kind != kind && !typeConflicts.contains(name) {
                    typeConflicts.append(name)
                }
            }
            // The last header given is the channel's current one.
            if let header = row.channelHeader { channels[index].header = header }
        case .direct(let members):
            members.forEach { notePerson($0) }
            if directSet.insert(members).inserted { directs.append(members) }
        }
    }

    private mutating func notePerson(_ name: String) {
        if peopleSet.insert(name).inserted { people.append(name) }
    }
}
