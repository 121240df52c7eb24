import Foundation

/// One conversation folder of a log tree, `<protocol>/<account>/<target>/`, with its names
/// percent-decoded (`purple_escape_filename` escapes everything outside a safe set) and the kind of
/// conversation the target names: `bob@example.com` (an IM), `room@conference.example.com.chat` (a
/// room), `.system` (the account's own log).
struct PidginLogFolder: Equatable, Hashable {
    enum Kind: Equatable, Hashable { case im, chat, system }

    /// Which of the given log trees (`LOGDIR` arguments, in order) holds it.
    var root: Int
    /// The folder's path in its tree, as stored (not decoded): what `FolderPages` lists.
    var path: String
    var protocolName: String
    /// The logging account, decoded, as the folder names it (normalised by libpurple).
    var account: String
    /// The buddy or room, decoded, without `.chat`.
    var target: String
    var kind: Kind

    /// The folder of a log file's path (`jabber/alice%40x/bob%40x/2011-….html`, or below a `logs/` folder
    /// when `~/.purple` itself was given), or `nil` when the path is not in that layout.
    static func of(logPath path: String, root: Int) -> (folder: PidginLogFolder, fileName: Substring)? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 5, parts[0] == "logs" { parts.removeFirst() }
        guard parts.count == 4, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let target = decode(parts[2])
        let kind: Kind = target == ".system" ? .system : target.hasSuffix(".chat") ? .chat : .im
        let folderPath = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
        let folder = PidginLogFolder(root: root, path: folderPath, protocolName: decode(parts[0]), account: decode(parts[1]),
                                     target: kind == .chat ? String(target.dropLast(5)) : target, kind: kind)
        return (folder, parts[3])
    }

    /// `%XX` decoding of a file or folder name (left as is when it is no valid escape sequence).
    static func decode(_ name: Substring) -> String {
        name.contains("%") ? (name.removingPercentEncoding ?? String(name)) : String(name)
    }
}
