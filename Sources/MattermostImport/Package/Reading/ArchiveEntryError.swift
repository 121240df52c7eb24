/// An error about one archive (and possibly one entry in it), described on one line as
/// `archive: entry: message`, the form every reader of zips and exports reports in.
public protocol ArchiveEntryError: Error, CustomStringConvertible {
    /// The archive's file or folder name as the user knows it (last path component).
    var archive: String { get }
    /// The entry name, when the error concerns one entry.
    var entry: String? { get }
    /// What went wrong and, where useful, what to do.
    var message: String { get }
}

extension ArchiveEntryError {
    public var description: String {
        ([archive] + (entry.map { [$0] } ?? []) + [message]).joined(separator: ": ")
    }
}
