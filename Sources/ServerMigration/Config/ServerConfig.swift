import DatabaseClients
import MattermostImport
import Foundation

/// A Mattermost `config.json` plus the `MM_<SECTION>_<SETTING>` environment overrides Mattermost
/// applies on top of it (spec §3.1). Only the settings the server commands need are interpreted.
public struct ServerConfig: Sendable {
    /// Absolute path of config.json.
    public let path: String
    /// The parsed JSON object, as on disk (without environment overrides).
    public let json: JSONObject
    /// Environment variables that may override settings.
    public let environment: [String: String]

    public var directory: String { (path as NSString).deletingLastPathComponent }

    /// Mattermost resolves relative paths against its working directory, the install dir; we take the
    /// install dir to be the parent of the config directory (`/opt/mattermost/config/config.json`).
    public var installDirectory: String { (directory as NSString).deletingLastPathComponent }

    public static func load(path: String, environment: [String: String]) throws -> ServerConfig {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw ServerMigrationError("\(absolute): cannot read config file; pass the path of the server's config.json with --config")
        }
        let json: JSONObject
        do {
            guard case .object(let object) = try JSONParser.parseKeepingNumberText(Array(data)) else {
                throw ServerMigrationError("\(absolute): config.json is not a JSON object; restore the server's config.json")
            }
            json = object
        } catch let error as ServerMigrationError {
            throw error
        } catch {
            throw ServerMigrationError("\(absolute): config.json is not valid JSON (\(error)); fix the file")
        }
        let overrides = environment.filter { $0.key.hasPrefix("MM_") || $0.key == passwordFileVariable }
        return ServerConfig(path: absolute, json: json, environment: overrides)
    }

    /// A setting's string value, honouring `MM_SECTION_SETTING` overrides.
    public func string(_ section: String, _ key: String) -> String? {
        if let override = environment["MM_\(section.uppercased())_\(key.uppercased())"] { return override }
        guard case .object(let settings)? = json[section], case .string(let value)? = settings[key] else { return nil }
        return value
    }

    /// Names a file holding the database password, which then replaces the DSN's password (so the
    /// password need not sit in config.json).
    public static let passwordFileVariable = "MATTERMOVE_DB_PASSWORD_FILE"

    public func database() throws -> DatabaseEndpoint {
        let driver = string("SqlSettings", "DriverName") ?? "postgres"
        guard let dataSource = string("SqlSettings", "DataSource"), !dataSource.isEmpty else {
            throw ServerMigrationError("\(path): SqlSettings.DataSource is empty; set it or MM_SQLSETTINGS_DATASOURCE")
        }
        var endpoint = try DatabaseEndpoint.parse(driver: driver, dataSource: dataSource, origin: path)
        endpoint.origin = path
        if let passwordFile = environment[Self.passwordFileVariable] {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw ServerMigrationError("\(passwordFile): cannot read the password file; check the path and permissions")
            }
            endpoint.password = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        }
        return endpoint
    }

    public var fileStore: FileStoreLocation {
        let driver = string("FileSettings", "DriverName") ?? "local"
        guard driver == "local" else {
            return .remote(driver: driver, bucket: string("FileSettings", "AmazonS3Bucket") ?? "")
        }
        let directory = string("FileSettings", "Directory") ?? "./data/"
        let absolute = directory.hasPrefix("/") ? directory : (installDirectory as NSString).appendingPathComponent(directory)
        return .local(directory: URL(fileURLWithPath: absolute).standardizedFileURL.path)
    }
}

/// Where a server keeps uploaded files (`FileSettings.DriverName`).
public enum FileStoreLocation: Sendable, Equatable {
    case local(directory: String)
    /// S3 or Azure: the files stay where they are; only reported.
    case remote(driver: String, bucket: String)
}
