import ArgumentParser
import Foundation
import SourceToolkit
import XMPPSource

/// `mattermove convert xmpp`: an XMPP server's stored message archive → one Mattermost package.
struct ConvertXMPPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xmpp",
        abstract: "Convert an XMPP/Jabber server's message archive into a Mattermost bulk-import package.",
        discussion: """
            Reads ejabberd's SQL archive (mod_mam `archive`, `muc_room`, `muc_registered`, `users`) or \
            Prosody's (`prosodyarchive` archive and muc_log stores, `prosody` accounts and room config) or \
            Openfire's (`ofMessageArchive`, `ofMucConversationLog`, `ofMucRoom`, `ofUser`) from an SQLite, \
            PostgreSQL or MySQL/MariaDB database (--server ejabberd|prosody|openfire --database FILE|URL \
            [--password-file F]), or a Cisco IM&P external database (--server cisco: `tc_rooms`, `tc_users`, \
            `tc_msgarchive`, `jm`, `aft_log`) from the same kinds of database or --tables-dir DIR (one CSV per \
            table), files attached from --files-root, or a XEP-0227 export (--xep0227 FILE, both \
            namespaces, XInclude-split files, MAM archives inside; roster contacts become users), streaming \
            rows and XML. 1:1 messages stored once per local participant are \
            de-duplicated; rooms become channels (private unless the room's options say it is open); \
            XHTML-IM, /me, out-of-band links, corrections, replies, threads and reactions are kept. Users \
            are one per bare JID; their email is the bare JID unless --user-map says otherwise.
            """
    )

    @OptionGroup var input: XMPPInputOptions

    @Option(help: "CSV with a header row: the JID first, then `username` and/or `email` columns, to override what the JID gives.")
    var userMap: String?

    @OptionGroup(title: "Conversion")
    var common: ConvertOptions

    func run() throws {
        let userMapFile = try userMap.map { try UserMapFile(contentsOf: URL(fileURLWithPath: $0)) } ?? UserMapFile()
        let options = XMPPOptions(teamName: common.team, teamDisplayName: common.teamDisplayName, domain: input.domain,
                                  userMap: userMapFile, lenient: common.lenient, since: common.sinceMillis)
        let reader = XMPPArchiveReader(source: try input.open(lenient: common.lenient), options: options)
        let progress = ProgressBar(quiet: common.quiet)
        let result = try ConversionRunner.run(reader, output: common.outputURL, options: common.exportOptions,
                                              progress: { progress.update($0, done: $1, total: $2) })
        progress.finish()
        try common.finish(result)
    }
}

extension XMPPServer: ExpressibleByArgument {}
