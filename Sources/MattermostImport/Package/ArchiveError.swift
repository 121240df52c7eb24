/// The one error type of every zip and export archive the project reads or writes: source exports,
/// packages read back by the validator, and packages being written. `description` is one line,
/// `archive: entry: message`, e.g. `export.zip: channels/general/2024-01-01.json: CRC mismatch (the zip
/// is damaged; download the export again)`.
public struct ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        // Reading.
        /// The file or folder does not exist.
        case inputNotFound
        /// It exists but cannot be opened or read (permissions, I/O error).
        case unreadableInput
        /// No end-of-central-directory record: not a zip, or cut short.
        case notAZipArchive
        /// The central directory, a local header or an offset is damaged or points past the end.
        case damagedArchive
        /// An entry name escapes the export folder (`..`, absolute path): refused ("zip slip").
        case unsafeEntryPath
        /// An entry that is not in the archive was asked for.
        case entryNotFound
        /// An entry's data does not inflate, has the wrong size, or fails its CRC check.
        case corruptEntry
        /// Encryption, or a compression method other than stored/deflate.
        case unsupportedEntry
        /// An entry is larger than the reader's limit (a zip bomb, or a limit to raise).
        case entryTooLarge
        // Writing a package.
        /// The attachment path is empty, absolute, has `..`/`.`/empty components, a backslash or a NUL.
        case invalidPath
        /// Two files with the same path (after NFC normalisation).
        case duplicatePath
        /// `writeJSONLLine` after the first `addFile` (import.jsonl is already closed), or a call after
        /// `finish`/`abort`/a failure.
        case wrongState
        /// A JSONL line is empty or contains a line feed (a blank line fails Mattermost's import).
        case invalidLine
        /// A file's contents differ in length from the size announced to `addFile`.
        case sizeMismatch
        /// Creating, writing, syncing or renaming the output failed.
        case io
    }

    public let kind: Kind
    /// The archive's file or folder name as the user knows it (last path component).
    public let archive: String
    /// The entry concerned, if any.
    public let entry: String?
    /// What went wrong and, where useful, what to do.
    public let message: String

    public init(_ kind: Kind, archive: String, entry: String? = nil, message: String) {
        self.kind = kind
        self.archive = archive
        self.entry = entry
        self.message = message
    }

    public var description: String {
        ([archive] + (entry.map { [$0] } ?? []) + [message]).joined(separator: ": ")
    }
}
