import Foundation
import MattermostImport
import MigrationCore

/// Attached files given by paths relative to a folder (`--files-root`): paths that would leave the
/// folder (absolute, `..`, a symlink pointing out) are refused, so a hostile export cannot make the
/// package carry `/etc/passwd`. The staged `SourceFile`'s locator is the path below the root.
public struct FilesRoot: SourceFileReader {
    /// Why a path cannot be used, for the report.
    public enum Refusal: String, Error, Sendable {
        case escapes = "path leaves the files root (absolute or ..)"
        case missing = "file not found under the files root"
        case notAFile = "not a regular file"
    }

    public let root: URL
    private let resolvedRoot: String

    public init(root: URL) {
        self.root = root.standardizedFileURL
        resolvedRoot = self.root.resolvingSymlinksInPath().path
    }

    /// The file at `relativePath` with its size, or why it cannot be used.
    public func locate(_ relativePath: String, id: String) -> Result<SourceFile, Refusal> {
        guard case .file(let path) = SourceEntryPath.classify(relativePath, isDirectory: false) else { return .failure(.escapes) }
        let url = root.appendingPathComponent(path)
        let resolved = url.resolvingSymlinksInPath().path
        guard resolved == resolvedRoot || resolved.hasPrefix(resolvedRoot.hasSuffix("/") ? resolvedRoot : resolvedRoot + "/") else {
            return .failure(.escapes)
        }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: resolved) else { return .failure(.missing) }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { return .failure(.notAFile) }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? (attributes[.size] as? Int).map(Int64.init)
        return .success(SourceFile(id: id, name: url.lastPathComponent, locator: path, size: size))
    }

    public func readFile(_ file: SourceFile, chunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        let path = root.appendingPathComponent(file.locator).path
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ArchiveError(.unreadableInput, archive: path, message: "file cannot be opened")
        }
        defer { try? handle.close() }
        while let data = try handle.read(upToCount: 1 << 16), !data.isEmpty {
            try data.withUnsafeBytes { try chunk($0) }
        }
    }
}
