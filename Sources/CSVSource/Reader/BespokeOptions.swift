import Foundation
import SourceToolkit

/// What a bespoke conversion reads and how (the `convert csv|jsonl` options).
public struct BespokeOptions: Sendable {
    public var format: BespokeFormat
    public var files: [URL]
    public var teamName: String
    public var teamDisplayName: String?
    /// The mapping (default: Slack's CSV import layout).
    public var mapping: BespokeMapping
    public var usersFile: URL?
    public var channelsFile: URL?
    /// Where attachment paths are relative to (default: the folder of each input file).
    public var filesRoot: URL?
    /// CSV separator given on the command line (over the mapping's and detection).
    public var delimiter: CSVDialect.Delimiter?
    public var lenient: Bool
    public var skipAttachments: Bool
    /// Keep only messages at or after this time (ms since the epoch).
    public var since: Int64?
    /// Longest row or JSON line accepted (bytes).
    public var maxRowBytes: Int

    public init(format: BespokeFormat, files: [URL], teamName: String, teamDisplayName: String? = nil,
                mapping: BespokeMapping = .slackLayout, usersFile: URL? = nil, channelsFile: URL? = nil, filesRoot: URL? = nil,
                delimiter: CSVDialect.Delimiter? = nil, lenient: Bool = false, skipAttachments: Bool = false,
                since: Int64? = nil, maxRowBytes: Int = 64 << 20) {
        self.format = format
        self.files = files
        self.teamName = teamName
        self.teamDisplayName = teamDisplayName
        self.mapping = mapping
        self.usersFile = usersFile
        self.channelsFile = channelsFile
        self.filesRoot = filesRoot
        self.delimiter = delimiter
        self.lenient = lenient
        self.skipAttachments = skipAttachments
        self.since = since
        self.maxRowBytes = maxRowBytes
    }
}
