import Foundation
import Testing
import TestSupport
import ZIPFoundation
@testable import MattermostImport

/// Lines every rule case builds on: a clean version/team/channel/users prelude (lines 1–5).
enum ValidatorFixture {
    static let prelude = [
        #"{"type":"version","version":1}"#,
        #"{"type":"team","team":{"name":"acme","display_name":"Acme","type":"O","allow_open_invite":true}}"#,
        #"{"type":"channel","channel":{"team":"acme","name":"general","display_name":"General","type":"O"}}"#,
        #"{"type":"user","user":{"username":"alice","email":"alice@example.com","teams":[{"name":"acme","channels":[{"name":"general"}]}]}}"#,
        #"{"type":"user","user":{"username":"bob","email":"bob@example.com","teams":[{"name":"acme"}]}}"#,
    ]

    /// The spec §17 example, line for line.
    static let specExample = [
        #"{"type":"version","version":1}"#,
        #"{"type":"team","team":{"name":"acme","display_name":"Acme Inc","type":"O","allow_open_invite":true}}"#,
        #"{"type":"channel","channel":{"team":"acme","name":"general-chat","display_name":"General Chat","type":"O","purpose":"Imported from X"}}"#,
        #"{"type":"channel","channel":{"team":"acme","name":"leads","display_name":"Leads","type":"P"}}"#,
        #"{"type":"user","user":{"username":"alice","email":"alice@example.com","password":"Imp0rt-Only!","first_name":"Alice","roles":"system_user","teams":[{"name":"acme","roles":"team_user team_admin","channels":[{"name":"general-chat","roles":"channel_user"},{"name":"leads","roles":"channel_user channel_admin","favorite":true}]}]}}"#,
        #"{"type":"user","user":{"username":"bob","email":"bob@example.com","teams":[{"name":"acme","channels":[{"name":"general-chat"}]}]}}"#,
        #"{"type":"user","user":{"username":"carol","email":"carol@example.com","notify_props":{"desktop":"mention","email":"false"},"email_interval":"hour","teams":[{"name":"acme"}]}}"#,
        #"{"type":"post","post":{"team":"acme","channel":"general-chat","user":"alice","message":"Quarterly report attached :tada:","create_at":1700000000000,"attachments":[{"path":"files/0001/report.pdf"}],"reactions":[{"user":"bob","emoji_name":"+1","create_at":1700000005000}],"replies":[{"user":"bob","message":"Thanks!","create_at":1700000001000},{"user":"alice","message":"You're welcome","create_at":1700000002000}],"is_pinned":true,"flagged_by":["bob"]}}"#,
        #"{"type":"post","post":{"team":"acme","channel":"leads","user":"alice","message":"Private note","create_at":1700000010000}}"#,
        #"{"type":"direct_channel","direct_channel":{"members":["alice","bob"],"favorited_by":["bob"]}}"#,
        #"{"type":"direct_post","direct_post":{"channel_members":["alice","bob"],"user":"bob","message":"DM hello","create_at":1700000020000}}"#,
        #"{"type":"direct_post","direct_post":{"channel_members":["alice","bob","carol"],"user":"carol","message":"Group hello","create_at":1700000030000,"replies":[{"user":"alice","message":"hi all","create_at":1700000031000}]}}"#,
        #"{"type":"direct_post","direct_post":{"channel_members":["alice","alice"],"user":"alice","message":"note to self","create_at":1700000040000}}"#,
    ]
}

/// A temporary directory removed when the value goes away.
final class ValidatorTempDirectory {
    let url: URL

    init() throws {
        url = TemporaryDirectory.root.appendingPathComponent("validator-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func file(_ name: String, bytes: [UInt8]) throws -> URL {
        let target = url.appendingPathComponent(name)
        try Data(bytes).write(to: target)
        return target
    }

    /// A zip with the given entries, in order (name → content).
    func zip(_ name: String, entries: [(String, [UInt8])]) throws -> URL {
        let target = url.appendingPathComponent(name)
        let archive = try Archive(url: target, accessMode: .create)
        for (entryName, content) in entries {
            let data = Data(content)
            try archive.addEntry(with: entryName, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return target
    }
}

extension Array where Element == String {
    var jsonlBytes: [UInt8] { [UInt8]((joined(separator: "\n") + "\n").utf8) }
}

extension ValidationReport {
    var errorIDs: [String] { errors.map(\.id) }
    var warningIDs: [String] { warnings.map(\.id) }
}
