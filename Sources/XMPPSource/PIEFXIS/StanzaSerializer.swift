/// Re-serialises one element met while streaming a large document, so it can be handed on like a
/// stanza stored on its own (a database column). Only the element being copied is ever held.
struct StanzaSerializer {
    private(set) var xml = ""
    private var namespaces: [String?] = []

    var depth: Int { namespaces.count }

    mutating func start(_ name: String, namespace: String?, attributes: [String: String]) {
        xml += "<" + name
        if namespace != namespaces.last ?? nil || namespaces.isEmpty, let namespace {
            xml += " xmlns='" + Self.escape(namespace) + "'"
        }
        for key in attributes.keys.sorted() where key != "xmlns" && !key.hasPrefix("xmlns:") {
            xml += " " + key + "='" + Self.escape(attributes[key]!) + "'"
        }
        xml += ">"
        namespaces.append(namespace)
    }

    mutating func characters(_ text: String) {
        xml += Self.escape(text)
    }

    mutating func end(_ name: String) {
        xml += "</" + name + ">"
        namespaces.removeLast()
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "&" || $0 == "<" || $0 == ">" || $0 == "'" || $0 == "\"" }) else { return text }
        var out = ""
        for char in text {
            switch char {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "'": out += "&apos;"
            case "\"": out += "&quot;"
            default: out.append(char)
            }
        }
        return out
    }
}
