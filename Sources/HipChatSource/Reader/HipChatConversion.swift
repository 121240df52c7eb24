import Foundation
import MigrationCore
import SourceToolkit

/// Converting and inspecting a HipChat export: the reader run by `ConversionRunner`.
public enum HipChatConversion {
    /// Converts `export` into the package at `output`. Nothing is written when the export cannot be read
    /// (wrong password, truncated file): the pass over the input ends before the package is opened.
    @discardableResult
    public static func convert(export: URL, options: HipChatOptions, exportOptions: ExportOptions, output: URL,
                               password: () throws -> [UInt8]?, progress: ConversionProgress? = nil,
                               phaseFinished: ((_ phase: String, _ seconds: Double) -> Void)? = nil) throws -> MigrationReport {
        let reader = try HipChatReader(export: export, options: options, password: password)
        return try ConversionRunner.run(reader, output: output, options: exportOptions, progress: progress, phaseFinished: phaseFinished)
    }

    /// What `inspect hipchat` prints: the input's kind and layout, and the counts a conversion stages.
    public struct Inspection: Sendable, Codable {
        public var export: String
        public var input: String
        public var layout: String
        public var users: Int
        public var guests: Int
        public var deactivated: Int
        public var withoutEmail: Int
        public var rooms: Int
        public var privateRooms: Int
        public var archivedRooms: Int
        public var historyFiles: Int
        public var filesInExport: Int
        public var emoticons: Int
        public var messages: Int
        public var directConversations: Int
        /// Skipped and changed items, as the conversion report lists them: "kind: reason" → count.
        public var skipped: [String: Int]
        public var changed: [String: Int]
    }

    /// Reads the export as a conversion does (into a throwaway staging store) without
    /// writing a package, so its counts are the conversion's.
    public static func inspect(export: URL, password: () throws -> [UInt8]?, progress: ConversionProgress? = nil) throws -> Inspection {
        let reader = try HipChatReader(export: export, options: HipChatOptions(teamName: "inspect", lenient: true), password: password)
        let staging = try ConversionRunner.stage(reader, progress: progress)
        let users = reader.catalog.users
        let rooms = reader.catalog.rooms
        let report = staging.report
        var skipped: [String: Int] = [:], changed: [String: Int] = [:]
        for entry in report.skipped { skipped["\(entry.kind): \(entry.reason)", default: 0] += entry.count }
        for entry in report.changed { changed["\(entry.kind): \(entry.reason)", default: 0] += entry.count }
        return Inspection(
            export: export.path, input: reader.inputDescription, layout: reader.layoutDescription,
            users: users.count, guests: users.filter(\.isGuest).count, deactivated: users.filter(\.isDeleted).count,
            withoutEmail: users.filter { $0.email == nil }.count, rooms: rooms.count, privateRooms: rooms.filter(\.isPrivate).count,
            archivedRooms: rooms.filter(\.isArchived).count, historyFiles: reader.historyFileCount, filesInExport: reader.fileCount,
            emoticons: reader.catalog.emoticons.count, messages: report.input.messages,
            directConversations: report.input.directChannels, skipped: skipped, changed: changed)
    }
}
