/// Why a package could not be written. `description` is one line naming the package (and the entry).
public struct ImportPackageError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
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
    /// The destination package's file name.
    public let package: String
    /// The zip entry concerned, if any.
    public let entry: String?
    public let message: String

    public init(_ kind: Kind, package: String, entry: String? = nil, message: String) {
        self.kind = kind
        self.package = package
        self.entry = entry
        self.message = message
    }

    public var description: String {
        var parts = [package]
        if let entry { parts.append(entry) }
        parts.append(message)
        return parts.joined(separator: ": ")
    }
}
