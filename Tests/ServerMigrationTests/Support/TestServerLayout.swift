import TestSupport
import Foundation
@testable import ServerMigration

/// A Mattermost install directory for tests: config/config.json (+ a SAML certificate) and a local
/// file store.
struct TestServerLayout {
    let root: String
    var configPath: String { root + "/config/config.json" }
    var fileStore: String { root + "/data" }

    /// Writes config.json. `host` varies the host-specific keys; `salt` the secrets.
    static func make(name: String, driver: String, dataSource: String, host: String, salt: String, siteURL: String) throws -> TestServerLayout {
        let root = try TestProcess.makeTemporaryDirectory("mattermove-\(name)")
        let layout = TestServerLayout(root: root)
        try FileManager.default.createDirectory(atPath: root + "/config", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: layout.fileStore, withIntermediateDirectories: true)
        let config: [String: Any] = [
            "ServiceSettings": ["SiteURL": siteURL, "ListenAddress": ":\(host == "source" ? 8065 : 9065)", "EnableLocalMode": false,
                                "MaximumLoginAttempts": 10],
            "SqlSettings": ["DriverName": driver, "DataSource": dataSource, "DataSourceReplicas": [String](), "AtRestEncryptKey": "at-rest-\(salt)",
                            "MaxIdleConns": 20],
            "FileSettings": ["DriverName": "local", "Directory": "./data/", "PublicLinkSalt": "public-link-\(salt)", "MaxFileSize": 104857600],
            "LogSettings": ["FileLocation": "/var/log/\(host)"],
            "PluginSettings": ["Directory": "./plugins-\(host)", "Enable": true],
            "TeamSettings": ["SiteName": "Site of \(name) ✨", "MaxUsersPerTeam": 50],
        ]
        let data = try JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        FileManager.default.createFile(atPath: layout.configPath, contents: data, attributes: [.posixPermissions: 0o600])
        FileManager.default.createFile(atPath: root + "/config/saml-idp-\(host).crt", contents: Data("-----BEGIN CERTIFICATE-----\n\(host)\n".utf8))
        return layout
    }

    /// Files behind every FileInfo row plus profile pictures, emoji, a plugin bundle, Mattermost's
    /// `testfile` (ignored) and a symbolic link (skipped).
    func writeStoreFiles(count: Int = MattermostData.fileCount) throws {
        for n in 0..<count {
            try write(MattermostData.filePath(n), MattermostData.fileBytes(n))
        }
        for n in stride(from: 0, to: MattermostData.userCount, by: 3) {
            try write("users/\(MattermostData.id("u", n))/profile.png", Array("png \(n)".utf8))
        }
        try write("emoji/\(MattermostData.id("e", 1))/image", Array("gif".utf8))
        try write("plugins/com.example.plugin.tar.gz", MattermostData.fileBytes(999))
        try write("testfile", Array("connection test".utf8))
        try FileManager.default.createSymbolicLink(atPath: fileStore + "/link-to-elsewhere", withDestinationPath: "/etc/hostname")
    }

    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let path = fileStore + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { throw TestProcess.Failure(description: "cannot write \(path)") }
    }

    func config() throws -> ServerConfig {
        try ServerConfig.load(path: configPath, environment: [:])
    }

    func settings() throws -> [String: [String: Any]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: configPath))
        return try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] ?? [:]
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
