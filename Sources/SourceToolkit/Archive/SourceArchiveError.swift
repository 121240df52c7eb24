import MattermostImport

/// A failure to open or read a source export, naming the export and (when known) the entry.
///
/// `description` is one line, e.g. `export.zip: channels/general/2024-01-01.json: CRC mismatch (the zip is
/// damaged; download the export again)`.
public struct SourceArchiveError: ArchiveEntryError, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The export path does not exist.
        case inputNotFound
        /// The export exists but cannot be opened or read (permissions, I/O error).
        case unreadableInput
        /// The file is not a zip archive (no end-of-central-directory record).
        case notAZipArchive
        /// The zip's central directory or a local header is damaged or truncated.
        case damagedArchive
        /// An entry name escapes the export folder (`..`, absolute path): refused ("zip slip").
        case unsafeEntryPath
        /// `read` was asked for an entry that is not in the archive.
        case entryNotFound
        /// An entry's data does not inflate, has the wrong size, or fails its CRC check.
        case corruptEntry
        /// An entry uses a feature this reader does not support (encryption, a compression method other
        /// than stored/deflate).
        case unsupportedEntry
    }

    public let kind: Kind
    /// The export's file or folder name as the user knows it (last path component).
    public let archive: String
    /// The entry name as stored in the archive, when the error concerns one entry.
    public let entry: String?
    /// What went wrong and, where useful, what to do.
    public let message: String

    public init(_ kind: Kind, archive: String, entry: String? = nil, message: String) {
        self.kind = kind
        self.archive = archive
        self.entry = entry
        self.message = message
    }
}

extension SourceArchiveError {
    /// The same failure, from the zip reader.
    init(_ error: ZipReadError) {
        let kind: Kind = switch error.kind {
        case .inputNotFound: .inputNotFound
        case .unreadableInput: .unreadableInput
        case .notAZipArchive: .notAZipArchive
        case .damagedArchive: .damagedArchive
        case .corruptEntry: .corruptEntry
        case .unsupportedEntry: .unsupportedEntry
        }
        self.init(kind, archive: error.archive, entry: error.entry, message: error.message)
    }
}
