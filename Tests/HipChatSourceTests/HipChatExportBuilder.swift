import Foundation
import TestSupport

/// Synthetic HipChat exports written from the field tables of spec §1.3–1.4 (no public export exists),
/// packed the way HipChat and the spec's tester recipe do it: `tar czf`, then `openssl enc`.
enum HipChatExportBuilder {
    static let password = "s3cret pass"

    static func json(_ value: Any) -> Data {
        try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
    }

    /// Layout A (Server/DC export) with every wrapper type and text convention.
    static func layoutA() -> [String: Data] {
        let users: [[String: Any]] = [
            ["User": ["id": 1, "name": "Alice Admin", "mention_name": "alice", "email": "alice@example.com", "account_type": "admin",
                      "roles": ["admin", "user"], "is_deleted": false, "created": "2013-12-02T18:04:15+00:00", "timezone": "America/Denver",
                      "title": "Boss", "avatar": NSNull()]],
            ["User": ["id": 2, "name": "Bob Builder", "mention_name": "bob", "email": "bob@example.com", "account_type": "user",
                      "roles": ["user"], "is_deleted": false]],
            ["User": ["id": 3, "name": "Gary Guest", "mention_name": "gary", "email": NSNull(), "account_type": "guest",
                      "roles": ["guest"], "is_deleted": false]],
            ["User": ["id": 4, "name": "Dora Deleted", "mention_name": "dora", "email": NSNull(), "account_type": "user",
                      "is_deleted": true]],
            ["User": ["id": 6, "name": "Renée Ürs", "mention_name": "RenéeÜrs", "email": "renee@example.com", "account_type": "user"]],
            ["User": ["id": 5, "name": "Nina", "mention_name": "nina", "email": NSNull(), "account_type": "user",
                      "avatar": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="]],
        ]
        let rooms: [[String: Any]] = [
            ["Room": ["id": 10, "name": "General Chat", "topic": "Welcome all", "privacy": "public", "is_archived": false, "owner": 1,
                      "members": [], "participants": [2], "created": "2014-01-01T00:00:00+00:00", "guest_access_url": NSNull()]],
            ["Room": ["id": 11, "name": "Secret Plans", "topic": "", "privacy": "private", "is_archived": false, "owner": 2,
                      "members": [1, 2, 3], "participants": []]],
            ["Room": ["id": 12, "name": "Old Room", "privacy": "public", "is_archived": true, "owner": 1,
                      "members": [["id": 1, "name": "Alice Admin"]], "created": "2014-02-01T00:00:00Z"]],
        ]
        let emoticons: [[String: Any]] = [
            ["Emoticon": ["id": 1, "path": "emoticons/party.png", "shortcut": "party"]],
            ["Emoticon": ["id": 2, "path": "emoticons/gone.png", "shortcut": "gone"]],
        ]
        func user(_ id: Int, _ name: String, _ mention: String) -> [String: Any] { ["id": id, "name": name, "mention_name": mention] }
        let alice = user(1, "Alice Admin", "alice"), bob = user(2, "Bob Builder", "bob"), gary = user(3, "Gary Guest", "gary")
        let room10: [[String: Any]] = [
            ["UserMessage": ["id": "m1", "sender": alice, "message": "Hello @bob and @here (party) (unknownemo)", "timestamp": "2018-08-08T14:23:54Z 626267",
                             "mentions": [2], "attachment": NSNull()]],
            ["UserMessage": ["id": "m2", "sender": bob, "message": "/code let x = 1\nprint(x)", "timestamp": "2018-08-08T14:24:00Z"]],
            ["UserMessage": ["id": "m3", "sender": gary, "message": "/quote first line\nsecond line", "timestamp": "2018-08-08T14:25:00.500Z"]],
            ["UserMessage": ["id": "m4", "sender": alice, "message": "/me waves at @BOB", "timestamp": "2018-08-08T14:26:00+00:00"]],
            ["NotificationMessage": ["id": "n1", "sender": "Jenkins", "message_format": "html", "color": "green",
                                     "message": "<b>Build</b> <a href=\"https://ci.example.com/1\">#1</a> passed &amp; deployed<br>all good",
                                     "timestamp": "2018-08-08T14:27:00Z 000001"]],
            ["NotificationMessage": ["id": "n2", "sender": ["id": 0, "name": "hal_bot"], "message": "beep @all", "message_format": "text",
                                     "timestamp": "2018-08-08T14:28:00Z"]],
            ["UserMessage": ["id": "m5", "sender": bob, "message": "see file", "timestamp": "2018-08-08T14:29:00Z",
                             "attachment": ["name": "Quarterly report.pdf", "path": "abc/report.pdf", "size": 999,
                                            "url": "https://hipchat.example.com/files/1/10/abc/report.pdf"]]],
            ["UserMessage": ["id": "m6", "sender": bob, "message": "lost", "timestamp": "2018-08-08T14:30:00Z",
                             "attachment": ["name": "missing.png", "path": "zzz/missing.png", "size": 5,
                                            "url": "https://hipchat.example.com/files/1/10/zzz/missing.png"]]],
            ["TopicRoomMessage": ["id": "t1", "sender": alice, "message": "New topic", "timestamp": "2018-08-08T14:31:00Z"]],
            ["GuestAccessMessage": ["id": "g1", "sender": alice, "message": "", "timestamp": "2018-08-08T14:32:00Z"]],
            ["ArchiveRoomMessage": ["id": "a1", "sender": alice, "message": "", "timestamp": "2018-08-08T14:33:00Z"]],
            ["FancyNewMessage": ["id": "x1", "sender": alice, "message": "?", "timestamp": "2018-08-08T14:34:00Z"]],
            ["UserMessage": ["id": "bad", "sender": alice, "message": "no time", "timestamp": "yesterday"]],
            ["UserMessage": ["id": "empty", "sender": alice, "message": "   ", "timestamp": "2018-08-08T14:35:00Z"]],
            ["UserMessage": ["id": "m7", "sender": alice, "message": "epoch seconds", "timestamp": "1533739000"]],
            ["UserMessage": ["id": "m8", "sender": alice, "message": "thanks @renéeürs.", "timestamp": "2018-08-08T14:36:00Z"]],
        ]
        let room11: [[String: Any]] = [
            ["UserMessage": ["id": "s1", "sender": user(4, "Dora Deleted", "dora"), "message": "secret from the past", "timestamp": "2016-01-01T10:00:00Z 5"]],
            ["UserMessage": ["id": "s2", "sender": user(99, "Who", "who"), "message": "author not in users.json", "timestamp": "2016-01-01T10:01:00Z"]],
        ]
        let pm1: [String: Any] = ["PrivateUserMessage": ["id": "pm1", "sender": alice, "receiver": bob, "message": "hi bob",
                                                         "timestamp": "2018-09-01T08:00:00Z 100"]]
        let pm2: [String: Any] = ["PrivateUserMessage": ["id": "pm2", "sender": bob, "receiver": ["id": 1], "message": "hi alice, file attached",
                                                         "timestamp": "2018-09-01T08:01:00Z",
                                                         "attachment": ["name": "pic.png", "path": "p1/pic.png", "size": 4, "url": "https://hipchat.example.com/files/1/p1/pic.png"]]]
        let pm3: [String: Any] = ["PrivateUserMessage": ["id": "pm3", "sender": bob, "receiver": 2, "message": "note to self",
                                                         "timestamp": "2018-09-01T08:02:00Z"]]
        return [
            "metadata.json": json(["hipchat_version": "test"]),
            "users.json": json(users),
            "rooms.json": json(rooms),
            "emoticons.json": json(emoticons),
            "emoticons/party.png": Data([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]),
            "rooms/10/history.json": json(room10),
            "rooms/10/files/abc/report.pdf": Data("%PDF-1.4 report".utf8),
            "rooms/11/history.json": json(room11),
            "rooms/12/history.json": json([] as [Any]),
            "users/1/history.json": json([pm1, pm2]),
            "users/2/history.json": json([pm2, pm1, pm3]),
            "users/files/p1/pic.png": Data([0x89, 0x50, 0x4e, 0x47]),
        ]
    }

    /// Layout B (hc-migrate): emoticons object, avatar paths, canonical names, room files under
    /// `users/files/`, deleted messages.
    static func layoutB() -> [String: Data] {
        let users: [[String: Any]] = [
            ["User": ["id": 1, "name": "Carol", "mention_name": "carol", "email": "carol@example.com", "account_type": "admin",
                      "avatar": "/users/1/carol.png"]],
            ["User": ["id": 2, "name": "Dan Dev", "mention_name": "dan", "email": "dan@example.com", "account_type": "user"]],
        ]
        let rooms: [[String: Any]] = [
            ["Room": ["id": 20, "name": "Dev Team!", "canonical_name": "dev-team", "privacy": "private", "owner": 1,
                      "members": [1, 2], "room_admins": [1], "is_deleted": false, "is_archived": false]],
        ]
        let carol: [String: Any] = ["id": 1, "name": "Carol", "mention_name": "carol"]
        let history: [[String: Any]] = [
            ["UserMessage": ["id": "b1", "sender": carol, "message": "(yay) ship it @dan", "timestamp": "2019-03-01T09:00:00Z 1"]],
            ["UserMessage": ["id": "b2", "sender": carol, "message": "oops", "timestamp": "2019-03-01T09:01:00Z", "deleted": true]],
            ["UserMessage": ["id": "b3", "sender": ["id": 2], "message": "doc", "timestamp": "2019-03-01T09:02:00Z",
                             "attachment": ["name": "doc.txt", "path": "q/doc.txt", "url": "https://hc.example.com/q/doc.txt"]]],
        ]
        return [
            "users.json": json(users),
            "rooms.json": json(rooms),
            "emoticons.json": json(["Emoticons": [["shortcut": "yay", "path": "7/yay.png"]]]),
            "files/img/emoticons/7/yay.png": Data([0x89, 0x50, 0x4e, 0x47, 7]),
            "users/1/avatars/carol.png": Data([0x89, 0x50, 0x4e, 0x47, 9]),
            "rooms/20/history.json": json(history),
            "users/files/q/doc.txt": Data("document".utf8),
        ]
    }

    /// Layout C (legacy HipChat.com zip), inside its `hipchat_export/` folder.
    static func layoutC() -> [String: Data] {
        [
            "hipchat_export/users/list.json": json(["users": [["user_id": 1, "name": "Old Timer", "email": "old@example.com",
                                                              "mention_name": "old", "is_deleted": false, "is_bot": false]]]),
            "hipchat_export/rooms/list.json": json(["rooms": [["room_id": 5, "name": "Lobby", "is_archived": false,
                                                              "owner_user_id": 1, "created": 1_300_000_000]]]),
            "hipchat_export/rooms/Lobby/2014-06-03.json": json([
                ["date": "2014-06-03T22:49:11Z", "from": ["name": "Old Timer", "user_id": 1], "message": "hello lobby"],
                ["date": "2014-06-03T22:50:11Z", "from": ["name": "Old Timer", "user_id": 1], "message": "/me leaves"],
            ]),
        ]
    }

    // MARK: packing

    static func folder(_ files: [String: Data], in directory: URL, name: String = "export") throws -> URL {
        let root = directory.appendingPathComponent(name)
        try TemporaryDirectory.writeTree(files, at: root)
        return root
    }

    static func tar(_ folder: URL, to output: URL, gzip: Bool) throws -> URL {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let result = try ExternalTool.run("tar", [gzip ? "czf" : "cf", output.path, "-C", folder.path] + names)
        guard result.status == 0 else { throw TestFailure("tar failed: \(result.output)") }
        return output
    }

    /// `openssl enc -aes-256-cbc -salt -md DIGEST`, password from a file (never on the command line).
    static func encrypt(_ input: URL, to output: URL, digest: String, password: String = password) throws -> URL {
        let passwordFile = output.deletingLastPathComponent().appendingPathComponent("pw-\(UUID().uuidString)")
        try Data(password.utf8).write(to: passwordFile)
        defer { try? FileManager.default.removeItem(at: passwordFile) }
        let result = try ExternalTool.run("openssl", ["enc", "-aes-256-cbc", "-salt", "-md", digest, "-pass", "file:" + passwordFile.path,
                                                      "-in", input.path, "-out", output.path])
        guard result.status == 0 else { throw TestFailure("openssl failed: \(result.output)") }
        return output
    }

    static func zip(_ folder: URL, to output: URL) throws -> URL {
        let result = try ExternalTool.run("zip", ["-q", "-r", output.path, "."], in: folder)
        guard result.status == 0 else { throw TestFailure("zip failed: \(result.output)") }
        return output
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
