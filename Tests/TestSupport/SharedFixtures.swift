import Foundation

/// The real third-party exports in `../shared/fixtures` beside the repository, read in place (never
/// copied into the repository). Tests that need one are `.enabled(if: SharedFixtures.exists(…))`,
/// so a missing fixture shows as skipped, never as a pass.
public enum SharedFixtures {
    /// `../shared/fixtures` relative to the repository root.
    public static let root: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }  // TestSupport, Tests, repository
        return url.deletingLastPathComponent().appendingPathComponent("shared/fixtures")
    }()

    /// The repository root (for files that ship with it, such as `Examples/`).
    public static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// A fixture by path below `fixtures/` (e.g. `slack/slack-export-viewer-testarchive.zip`).
    public static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    public static func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relativePath).path)
    }
}
