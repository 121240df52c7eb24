import Foundation
import MigrationCore
import SourceToolkit

/// Cisco's managed file transfers (`AFT_LOG`, method `POST`), matched to the messages that announce
/// them the way Cisco's own migration sample does: same destination (room, or the 1:1 recipient),
/// same file name (`REAL_FILENAME` = the stanza's `<filename>`), `TIMESTAMPVALUE` within ±3 s of the
/// message (the closest wins; each upload is used once). A matched file is attached when its
/// file-server path is readable under `--files-root` (`FILE_SERVER/FILE_PATH` or `FILE_PATH`, an
/// absolute path read as below the root); paths leaving the root are refused. Uploads no message
/// names are reported. Held in memory: one small entry per upload.
final class CiscoFileTransfers {
    struct Upload {
        var index: String
        var time: Int64
        var server: String?
        var path: String?
        var size: Int64?
        var used = false
    }

    static let window: Int64 = 3_000
    private let root: FilesRoot?
    /// By `destination bare JID (lower case) ␟ real file name`.
    private var uploads: [String: [Upload]] = [:]

    init(database: any SQLRowReader, root: URL?) throws {
        self.root = root.map { FilesRoot(root: $0) }
        let columns = try TableColumns(database, table: "aft_log")
        guard columns.has("to_jid", "method", "real_filename", "timestampvalue") else { return }
        let column = columns.orNull
        let sql = "SELECT \(column("aft_index")), to_jid, real_filename, timestampvalue, \(column("file_server")), \(column("file_path")), "
            + "\(column("bytes_transferred")) FROM aft_log WHERE UPPER(method) = 'POST' ORDER BY timestampvalue, \(column("aft_index"))"
        var number = 0
        try database.forEachRow(sql) { row in
            number += 1
            guard let to = row[1].string.flatMap(XMPPJID.init), let name = row[2].string,
                  let time = row[3].string.flatMap(CiscoTime.milliseconds) else { return }
            uploads[Self.key(to, name), default: []].append(Upload(index: row[0].string ?? "row \(number)", time: time, server: row[4].string,
                                                                   path: row[5].string, size: row[6].int64))
        }
    }

    static func key(_ destination: XMPPJID, _ name: String) -> String {
        destination.description.lowercased() + "\u{1F}" + name
    }

    /// The upload announced by a message naming `name`, sent to `destination` at `time`, as an
    /// attached file or the reason it is not attached.
    func match(_ name: String, to destination: XMPPJID, at time: Int64) -> (file: SourceFile?, missing: (reason: String, item: String)?) {
        let key = Self.key(destination, name)
        guard let candidates = uploads[key] else {
            return (nil, ("file transfer without an aft_log POST row (within ±3 s, same destination and name)", "\(destination): \(name)"))
        }
        var best: Int?
        for (offset, upload) in candidates.enumerated() where !upload.used && abs(upload.time - time) <= Self.window {
            if best == nil || abs(upload.time - time) < abs(candidates[best!].time - time) { best = offset }
        }
        guard let best else {
            return (nil, ("file transfer without an aft_log POST row (within ±3 s, same destination and name)", "\(destination): \(name)"))
        }
        uploads[key]![best].used = true
        return locate(uploads[key]![best], name: name)
    }

    private func locate(_ upload: Upload, name: String) -> (file: SourceFile?, missing: (reason: String, item: String)?) {
        let path = upload.path ?? ""
        let item = "aft_log aft_index \(upload.index): \(upload.server.map { $0 + ":" } ?? "")\(path)"
        guard let root else { return (nil, ("file on the file server; give --files-root to attach it", item)) }
        guard !path.isEmpty else { return (nil, ("aft_log row without a file_path", item)) }
        // The file server's absolute paths are looked for below the root, first under the server's name.
        let relative = path.hasPrefix("/") ? String(path.drop { $0 == "/" }) : path
        var candidates = [relative]
        if let server = upload.server, !server.isEmpty, !server.contains("/") { candidates.insert(server + "/" + relative, at: 0) }
        var refusal = FilesRoot.Refusal.missing
        for candidate in candidates {
            switch root.locate(candidate, id: "aft-\(upload.index)") {
            case .success(var file):
                file.name = name
                if let size = upload.size, file.size == nil { file.size = size }
                return (file, nil)
            case .failure(.escapes):
                return (nil, ("refused: " + FilesRoot.Refusal.escapes.rawValue, item))
            case .failure(let other):
                refusal = other
            }
        }
        return (nil, (refusal.rawValue, item))
    }

    /// Uploads no message announced, for the report.
    var unmatched: [(kind: String, reason: String, item: String)] {
        uploads.keys.sorted().flatMap { key in
            uploads[key]!.filter { !$0.used }.map { upload in
                (kind: "files", reason: "aft_log upload no archived message announces (not attached)",
                 item: "aft_log aft_index \(upload.index): \(upload.server.map { $0 + ":" } ?? "")\(upload.path ?? "")")
            }
        }
    }
}
