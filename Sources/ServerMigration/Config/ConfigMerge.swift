import MattermostImport

/// Builds the destination config.json from the source's: everything comes from the source (so
/// `PublicLinkSalt` and `AtRestEncryptKey` keep public links and encrypted data valid), except the
/// host-specific settings of spec §3.4, which keep the destination's values.
public enum ConfigMerge {
    /// (section, setting) pairs that describe the host rather than the server's data.
    public static let hostSpecificKeys: [(String, String)] = [
        ("SqlSettings", "DataSource"), ("SqlSettings", "DataSourceReplicas"), ("SqlSettings", "DataSourceSearchReplicas"),
        ("SqlSettings", "DriverName"),
        ("ServiceSettings", "SiteURL"), ("ServiceSettings", "ListenAddress"), ("ServiceSettings", "TLSCertFile"),
        ("ServiceSettings", "TLSKeyFile"), ("ServiceSettings", "LetsEncryptCertificateCacheFile"),
        ("ServiceSettings", "LocalModeSocketLocation"), ("ServiceSettings", "LicenseFileLocation"),
        ("FileSettings", "Directory"), ("FileSettings", "ExportDirectory"),
        ("LogSettings", "FileLocation"), ("LogSettings", "AdvancedLoggingJSON"),
        ("ExperimentalAuditSettings", "FileName"),
        ("PluginSettings", "Directory"), ("PluginSettings", "ClientDirectory"),
        ("ComplianceSettings", "Directory"),
        ("ElasticsearchSettings", "ConnectionURL"), ("BleveSettings", "IndexDir"),
        ("ClusterSettings", "OverrideHostname"), ("ClusterSettings", "AdvertiseAddress"),
        ("CacheSettings", "RedisAddress"), ("MetricsSettings", "ListenAddress"),
    ]

    /// Settings that must be carried over from the source unchanged.
    public static let preservedSecrets: [(String, String)] = [("FileSettings", "PublicLinkSalt"), ("SqlSettings", "AtRestEncryptKey")]

    public static func merge(source: JSONObject, destination: JSONObject, siteURL: String?) -> JSONObject {
        var merged = source
        for (section, key) in hostSpecificKeys {
            guard case .object(let destinationSection)? = destination[section], let value = destinationSection[key] else { continue }
            var mergedSection: JSONObject
            if case .object(let existing)? = merged[section] { mergedSection = existing } else { mergedSection = JSONObject() }
            mergedSection[key] = value
            merged[section] = .object(mergedSection)
        }
        if let siteURL {
            var service: JSONObject
            if case .object(let existing)? = merged["ServiceSettings"] { service = existing } else { service = JSONObject() }
            service["SiteURL"] = .string(siteURL)
            merged["ServiceSettings"] = .object(service)
        }
        return merged
    }

    static func value(_ object: JSONObject, _ section: String, _ key: String) -> JSONValue? {
        guard case .object(let settings)? = object[section] else { return nil }
        return settings[key]
    }
}
