import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What `TC_ROOMS.CONFIG` (the room's last jabber:x:data configuration form) says about a room: its
/// name, description and whether it is members-only (`nil` when the form does not say, or is not XML).
struct CiscoRoomConfig {
    var title: String?
    var description: String?
    var membersOnly: Bool?

    init(xml: String?) {
        guard let xml, !xml.trimmingWhitespace.isEmpty else { return }
        let fields = FormFields()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.shouldResolveExternalEntities = false
        parser.delegate = fields
        guard parser.parse() else { return }
        for (name, value) in fields.values {
            switch name {
            case "muc#roomconfig_roomname": title = value.isEmpty ? nil : value
            case "muc#roomconfig_roomdesc": description = value.isEmpty ? nil : value
            // Cisco's form has used both spellings across releases.
            case "muc#roomconfig_membersonly", "members-only", "membersonly":
                membersOnly = ["1", "true"].contains(value.lowercased())
            default: break
            }
        }
    }
}

/// Collects each `<field var=…><value>…</value></field>` of a data form (the first value of each).
private final class FormFields: NSObject, XMLParserDelegate {
    var values: [(String, String)] = []
    private var field: String?
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        if elementName == "field" { field = attributeDict["var"] } else if elementName == "value", field != nil { text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text? += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "value", let field, let text {
            values.append((field, text.trimmingWhitespace))
            self.field = nil
        }
        if elementName == "value" { text = nil }
        if elementName == "field" { field = nil }
    }
}
