/// Field access with Go `encoding/json` semantics, which decides what Mattermost actually reads: the
/// last matching key wins and `null` means absent (case-insensitive matching is done beforehand by
/// `LineSchema.canonicalized`).
extension JSONObject {
    /// Keys are canonical (lower case) once `LineSchema.check` ran, so an exact match suffices.
    func field(_ name: String) -> JSONValue? {
        guard let value = self[name], !value.isNull else { return nil }
        return value
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
}

extension String {
    /// Whether the text has at most `limit` runes; skips counting when the byte length already fits
    /// (a rune is at least one byte), which is the common case for messages.
    func fits(runes limit: Int) -> Bool { utf8.count <= limit || runeCount <= limit }

    /// `lowercased()` without the copy for names that are lower-case ASCII already (nearly all).
    var lowercasedName: String {
        containsByte(where: { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) }) ? lowercased() : self
    }

    /// Whether any UTF-8 byte passes `test`, over the contiguous bytes: iterating the `UTF8View` of a
    /// small string decodes it byte by byte, and names are checked several times per post.
    func containsByte(where test: (UInt8) -> Bool) -> Bool {
        var bytes = self
        return bytes.withUTF8 { $0.contains(where: test) }
    }
}
