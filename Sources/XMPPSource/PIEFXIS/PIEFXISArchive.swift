import Foundation

/// A XEP-0227 (PIE/PIEFXIS) export: accounts, rosters, MAM archives (`urn:xmpp:pie:0#mam`) and
/// offline messages, in one file or split with XInclude (`href`s resolved relative to the including
/// file, never outside the main file's folder). Streamed twice: accounts, rosters and the few
/// amending messages first, then every message.
public final class PIEFXISArchive: XMPPArchiveSource {
    private let url: URL
    private var accountList: [String] = []
    /// Rows that carry corrections or reactions, set aside in the first pass.
    private var amending: ArchiveRowSpool?
    /// Roster entries: contacts each account keeps (staged as users, so nobody on a roster is lost).
    public private(set) var contacts: [String] = []
    private var firstPassDone = false
    public var serverName: String { "xep0227" }

    public init(url: URL) throws {
        guard FileManager.default.isReadableFile(atPath: url.path) else { throw XMPPSourceError("\(url.path): no such file (or not readable)") }
        self.url = url.standardizedFileURL
    }

    public func accounts() throws -> [String] {
        try firstPass()
        return accountList + contacts
    }

    public func rooms() throws -> [RoomInfo] { [] }
    public func registeredNicks() throws -> [String: [String: String]] { [:] }

    public func forEachAmendingRow(_ body: (ArchiveRow) throws -> Void) throws {
        try firstPass()
        try amending?.forEach(body)
    }

    public func forEachRow(_ body: (ArchiveRow) throws -> Void, unreadable: (String, String) throws -> Void) throws {
        // The parser's delegate keeps its handler, but only while `readAll` runs.
        try withoutActuallyEscaping(body) { body in
            try readAll({ event in
                if case .message(let row) = event { try body(row) }
            }, unreadable: unreadable)
        }
    }

    /// Accounts, roster contacts and the rows that carry corrections or reactions (spooled to disk).
    private func firstPass() throws {
        guard !firstPassDone else { return }
        firstPassDone = true
        let amending = try ArchiveRowSpool()
        self.amending = amending
        var seenContacts = Set<String>()
        try readAll({ event in
            switch event {
            case .account(let jid): self.accountList.append(jid)
            case .contact(_, let jid): if seenContacts.insert(jid.lowercased()).inserted { self.contacts.append(jid) }
            case .message(let row):
                if row.stanza.contains(XMPPNamespace.correction) || row.stanza.contains(XMPPNamespace.reactions) { try amending.append(row) }
            case .include: break
            }
        }, unreadable: { _, _ in })
    }

    /// Reads the main file, then every included file (breadth first, each once).
    private func readAll(_ handle: @escaping (PIEFXISEvent) throws -> Void, unreadable: (String, String) throws -> Void) throws {
        let root = url.deletingLastPathComponent().path
        var queue: [(url: URL, host: String?, user: String?)] = [(url, nil, nil)]
        var visited = Set<String>()
        var index = 0
        while index < queue.count {
            let (file, host, user) = queue[index]
            index += 1
            guard visited.insert(file.path).inserted else { continue }
            let name = file.path.hasPrefix(root + "/") ? String(file.path.dropFirst(root.count + 1)) : file.lastPathComponent
            guard FileManager.default.isReadableFile(atPath: file.path) else {
                try unreadable(name, "included file is missing or unreadable")
                continue
            }
            let problem = try PIEFXISEvents.read(file, displayName: name, host: host, user: user) { event in
                if case .include(let href, let host, let user) = event {
                    let target = URL(fileURLWithPath: href, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
                    guard !href.hasPrefix("/"), target.path.hasPrefix(root + "/") else {
                        throw XMPPSourceError("\(name): xi:include href '\(href)' points outside the export's folder")
                    }
                    queue.append((target, host, user))
                }
                try handle(event)
            }
            if let problem { try unreadable(name, problem) }
        }
    }
}
