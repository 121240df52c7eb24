/// Field access with Go `encoding/json` semantics, which decides what Mattermost actually reads:
/// key matching is case-insensitive (ASCII folding), the last matching key wins, and `null` means absent.
extension JSONObject {
    func field(_ name: String) -> JSONValue? {
        for member in members.reversed() where member.key == name || Self.foldedEqual(member.key, name) {
            return member.value.isNull ? nil : member.value
        }
        return nil
    }

    func string(_ name: String) -> String? { field(name)?.stringValue }
    func int(_ name: String) -> Int64? { field(name)?.int64Value }
    func bool(_ name: String) -> Bool? { field(name)?.boolValue }
    func array(_ name: String) -> [JSONValue]? { field(name)?.arrayValue }
    func object(_ name: String) -> JSONObject? { field(name)?.objectValue }

    /// An array of strings; `null` elements read as "" like Go does.
    func strings(_ name: String) -> [String]? {
        array(name)?.map { $0.stringValue ?? "" }
    }

    /// The non-null objects of an array field (null elements are rejected by the type check first).
    func objects(_ name: String) -> [JSONObject] {
        array(name)?.compactMap(\.objectValue) ?? []
    }

    /// ASCII case-insensitive comparison (`name` is always lower case).
    static func foldedEqual(_ key: String, _ name: String) -> Bool {
        var k = key.utf8.makeIterator(), n = name.utf8.makeIterator()
        while true {
            switch (k.next(), n.next()) {
            case (nil, nil): return true
            case (let a?, let b?):
                let lowered = (a >= 0x41 && a <= 0x5A) ? a | 0x20 : a
                if lowered != b { return false }
            default: return false
            }
        }
    }
}

extension String {
    /// "Blank" in Mattermost's sense: absent or empty.
    var isBlank: Bool { isEmpty }
}
