import Foundation
import TestSupport

/// Writes small Slack exports for tests: a folder, or a real zip made by the `zip` tool (optionally
/// wrapped in an extra top folder and with a `__MACOSX` entry, as macOS's archiver does).
struct SlackExportBuilder {
    /// Path → JSON value (arrays/dictionaries) or raw `Data`/`String`.
    var files: [String: Any] = [:]

    subscript(path: String) -> Any? {
        get { files[path] }
        set { files[path] = newValue }
    }

    func writeDirectory() throws -> URL {
        let root = TemporaryDirectory.root.appendingPathComponent("slack-export-\(UUID().uuidString)")
        try write(into: root)
        return root
    }

    func write(into root: URL) throws {
        for (path, value) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let data: Data
            switch value {
            case let raw as Data: data = raw
            case let text as String: data = Data(text.utf8)
            default: data = try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
            }
            try data.write(to: url)
        }
    }

    /// A zip made with the `zip` tool; `wrapper` puts everything in one top folder.
    func writeZip(wrapper: String? = nil, macOSMetadata: Bool = false) throws -> URL {
        let staging = TemporaryDirectory.root.appendingPathComponent("slack-zip-\(UUID().uuidString)")
        let content = wrapper.map { staging.appendingPathComponent($0) } ?? staging
        try write(into: content)
        if macOSMetadata {
            try SlackExportBuilder(files: ["__MACOSX/._users.json": "junk"]).write(into: staging)
        }
        let zip = TemporaryDirectory.root.appendingPathComponent("slack-\(UUID().uuidString).zip")
        let result = try ExternalTool.run("zip", ["-q", "-r", zip.path, "."], in: staging)
        try? FileManager.default.removeItem(at: staging)
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        return zip
    }

    // MARK: object helpers

    static func user(_ id: String, _ name: String, email: String? = nil, first: String? = nil, last: String? = nil,
                     display: String? = nil, title: String? = nil, deleted: Bool = false, bot: String? = nil,
                     guest: Bool = false, admin: Bool = false) -> [String: Any] {
        var profile: [String: Any] = ["real_name": [first, last].compactMap { $0 }.joined(separator: " ")]
        if let email { profile["email"] = email }
        if let first { profile["first_name"] = first }
        if let last { profile["last_name"] = last }
        if let display { profile["display_name"] = display }
        if let title { profile["title"] = title }
        if let bot { profile["bot_id"] = bot }
        return ["id": id, "name": name, "deleted": deleted, "is_bot": bot != nil, "is_restricted": guest,
                "is_admin": admin, "profile": profile, "updated": 1_600_000_000]
    }

    static func channel(_ id: String, _ name: String, members: [String]?, created: Any = 1_600_000_000,
                        archived: Bool = false, topic: String = "", purpose: String = "") -> [String: Any] {
        var object: [String: Any] = ["id": id, "name": name, "created": created, "creator": members?.first ?? "",
                                     "is_archived": archived, "topic": ["value": topic, "last_set": "0"],
                                     "purpose": ["value": purpose, "last_set": 0]]
        object["members"] = members ?? NSNull()
        return object
    }

    static func message(_ user: String?, _ text: String, ts: String, extra: [String: Any] = [:]) -> [String: Any] {
        var object: [String: Any] = ["type": "message", "text": text, "ts": ts]
        if let user { object["user"] = user }
        for (key, value) in extra { object[key] = value }
        return object
    }
}
