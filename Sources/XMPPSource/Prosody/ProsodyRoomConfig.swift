import Foundation

/// A persistent room's configuration as mod_muc keeps it in the `config` store: one row per key,
/// `_data` (JSON: `name`, `description`, `subject`, `members_only`, …) and `_affiliations` (JSON:
/// JID → `owner`/`admin`/`member`/`outcast`).
enum ProsodyRoomConfig {
    static func apply(key: String, json: String, to room: inout RoomInfo) {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return }
        switch key {
        case "_data":
            room.title = (object["name"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            room.description = (object["description"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            room.subject = (object["subject"] as? String).flatMap { $0.isEmpty ? nil : $0 }
            room.membersOnly = object["members_only"] as? Bool
        case "_affiliations":
            for jid in object.keys.sorted() {
                switch object[jid] as? String {
                case "owner", "admin": room.adminJIDs.append(jid)
                case "member": room.memberJIDs.append(jid)
                default: break
                }
            }
        default:
            break
        }
    }
}
