/// A failure to read a zip file, naming the file and (when known) the entry; `description` is one line,
/// e.g. `export.zip: channels/general/2024-01-01.json: CRC mismatch (the zip is damaged; …)`.
public struct ZipReadError: ArchiveEntryError, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The file does not exist.
        case inputNotFound
        /// The file exists but cannot be opened or read (permissions, I/O error).
        case unreadableInput
        /// No end-of-central-directory record: not a zip, or cut short.
        case notAZipArchive
        /// The central directory, a local header or an offset is damaged or points past the end.
        case damagedArchive
        /// An entry's data does not inflate, has the wrong size, or fails its CRC check.
        case corruptEntry
        /// Encryption, or a compression method other than stored/deflate.
        case unsupportedEntry
    }

    public let kind: Kind
    /// The zip's file name (last path component).
    public let archive: String
    /// The entry name, when the error concerns one entry.
    public let entry: String?
    public let message: String

    public init(_ kind: Kind, archive: String, entry: String? = nil, message: String) {
        self.kind = kind
        self.archive = archive
        self.entry = entry
        self.message = message
    }
}
