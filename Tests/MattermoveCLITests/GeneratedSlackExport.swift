import Foundation

/// Writes a Slack export folder of `messages` messages for the report tests: 6 channels and 2 DMs,
/// one message every 3.5 hours from 2022-01-01 (about two years, so the histogram has many months),
/// with every 250th message authorless (skipped) and every 1,000th (from the 501st) longer than a
/// Mattermost post (split, so counted as changed).
enum GeneratedSlackExport {
    static let users = ["U1ANA", "U2BEN", "U3CAI", "U4DEV"]
    static let channels = ["general", "random", "deploys", "design", "support", "lunch"]
    static let directs = [("D1ANABEN", ["U1ANA", "U2BEN"]), ("D2CAIDEV", ["U3CAI", "U4DEV"])]

    static func write(messages: Int, into root: URL) throws {
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        func json(_ value: Any, _ path: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]).write(to: url)
        }
        try json(users.enumerated().map { index, id in
            ["id": id, "name": "user\(index)", "deleted": false, "is_bot": false,
             "profile": ["real_name": "User \(index)", "email": "user\(index)@example.com"]] as [String: Any]
        }, "users.json")
        try json(channels.enumerated().map { index, name in
            ["id": "C\(index)", "name": name, "created": 1_640_995_200, "creator": users[0], "is_archived": false,
             "members": users, "topic": ["value": ""], "purpose": ["value": ""]] as [String: Any]
        }, "channels.json")
        try json(directs.map { ["id": $0.0, "created": 1_640_995_200, "members": $0.1] as [String: Any] }, "dms.json")
        let folders = channels + directs.map(\.0)
        var days: [String: [[String: Any]]] = [:]
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        for index in 0..<messages {
            let seconds = 1_640_995_200 + index * 12_600
            let folder = folders[index % folders.count]
            var message: [String: Any] = ["type": "message", "ts": "\(seconds).000100",
                                          "text": index % 1_000 == 500 ? String(repeating: "long ", count: 4_000) : "message \(index)"]
            if index % 250 != 249 { message["user"] = users[index % users.count] }
            let day = formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            days["\(folder)/\(day).json", default: []].append(message)
        }
        for (path, list) in days { try json(list, path) }
    }
}
